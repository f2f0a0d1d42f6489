package configstore

import (
	"strings"

	"github.com/k6login/k6login/authclient"
)

// Override is an environment variable that k6's cloud commands prefer over a key
// in the config file, so what k6login saves would not be what k6 uses.
type Override struct {
	Var   string // K6_CLOUD_TOKEN, ...
	Key   string // the collectors.cloud key it overrides
	Value string // for display: the token is masked
}

// overrideVars lists the variables k6 reads in place of the login keys, in the
// order a user would read them.
var overrideVars = []struct{ env, key string }{
	{"K6_CLOUD_TOKEN", "token"},
	{"K6_CLOUD_STACK_ID", "stackID"},
	{"K6_CLOUD_STACK_URL", "stackURL"},
	{"K6_CLOUD_PROJECT_ID", "projectID"},
	{"K6_CLOUD_HOST_V6", "hostv6"},
}

// EnvOverrides lists the set variables that override the file for k6.
func EnvOverrides(getenv func(string) string) []Override {
	var out []Override
	for _, v := range overrideVars {
		val := strings.TrimSpace(getenv(v.env))
		if val == "" {
			continue
		}
		switch v.key {
		case "token":
			val = MaskToken(val)
		case "hostv6", "stackURL":
			val = authclient.HideUserinfo(val)
		}
		out = append(out, Override{Var: v.env, Key: v.key, Value: val})
	}
	return out
}

// Effect says in a few words what the variable does to k6, for warnings.
func (o Override) Effect() string {
	if o.Key == "hostv6" {
		return "k6 sends its cloud API calls to this address"
	}
	return "k6 uses it instead of " + o.Key + " in the config file"
}
