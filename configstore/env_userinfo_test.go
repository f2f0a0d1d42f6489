package configstore

import (
	"strings"
	"testing"
)

// K6_CLOUD_HOST_V6 and K6_CLOUD_STACK_URL are shown back (--show, status,
// the screens); a user name or password in them, which may be the token
// itself, is not.
func TestEnvOverridesHideUserinfoOfHostV6(t *testing.T) {
	const secret = "glc_secrettoken0123456789ABCDEF"
	env := map[string]string{"K6_CLOUD_HOST_V6": "https://me:" + secret + "@api.example.com/v6", "K6_CLOUD_STACK_URL": "https://" + secret + "@x.grafana.net"}
	got := EnvOverrides(func(k string) string { return env[k] })
	if len(got) != 2 || got[0].Value != "https://…@x.grafana.net" || got[1].Value != "https://…@api.example.com/v6" {
		t.Errorf("overrides %+v", got)
	}
	for _, o := range got {
		if strings.Contains(o.Value, "secret") {
			t.Errorf("%s shows the secret: %s", o.Var, o.Value)
		}
	}
}
