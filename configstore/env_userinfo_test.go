package configstore

import (
	"strings"
	"testing"
)

// K6_CLOUD_HOST_V6 is shown back (--show, status, the screens); a user name
// or password in it, which may be the token itself, is not.
func TestEnvOverridesHideUserinfoOfHostV6(t *testing.T) {
	const secret = "glc_secrettoken0123456789ABCDEF"
	env := map[string]string{"K6_CLOUD_HOST_V6": "https://me:" + secret + "@api.example.com/v6"}
	got := EnvOverrides(func(k string) string { return env[k] })
	if len(got) != 1 || got[0].Value != "https://…@api.example.com/v6" || strings.Contains(got[0].Value, "secret") {
		t.Errorf("overrides %+v", got)
	}
}
