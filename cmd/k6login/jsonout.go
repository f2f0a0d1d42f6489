package main

import (
	"io"

	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/internal/jsontext"
)

// The --json reports are written by hand with jsontext rather than by
// encoding/json, which cost the binary about 400 KB. The struct tags stay as
// the specification of each report: TestJSONReportsMatchTheirTags checks that
// what is written here is what encoding/json would write from them.

// writeJSON prints v indented by two spaces, with a final newline.
func writeJSON(w io.Writer, v jsontext.Value) error {
	out := jsontext.AppendIndent(nil, v, "  ")
	_, err := w.Write(append(out, '\n'))
	return err
}

var (
	str = jsontext.StringValue
	num = jsontext.IntValue
	yes = jsontext.BoolValue
)

func (r showReport) jsonValue() jsontext.Value {
	overrides := make([]jsontext.Value, len(r.Overrides))
	for i, o := range r.Overrides {
		overrides[i] = overrideJSON(o)
	}
	list := jsontext.ArrayValue(overrides...)
	if r.Overrides == nil {
		list = jsontext.NullValue()
	}
	api := jsontext.NullValue()
	if r.API != nil {
		api = r.API.jsonValue()
	}
	return jsontext.ObjectValue(
		jsontext.Field("path", str(r.Path)),
		jsontext.Field("pathSource", str(r.PathSource)),
		jsontext.Field("exists", yes(r.Exists)),
		jsontext.OmitEmpty("mode", str(r.Mode)),
		jsontext.OmitEmpty("modeTooOpen", yes(r.ModeTooOpen)),
		jsontext.Field("loggedIn", yes(r.LoggedIn)),
		jsontext.OmitEmpty("token", str(r.Token)),
		jsontext.OmitEmpty("stackURL", str(r.StackURL)),
		jsontext.OmitEmpty("stackID", num(r.StackID)),
		jsontext.OmitEmpty("defaultProjectID", num(r.DefaultProjectID)),
		jsontext.OmitEmpty("projectID", num(r.ProjectID)),
		jsontext.Field("overrides", list),
		jsontext.OmitEmpty("demo", yes(r.Demo)),
		jsontext.OmitEmpty("legacyPath", str(r.LegacyPath)),
		jsontext.OmitEmpty("api", api),
		jsontext.OmitEmpty("apiError", str(r.APIError)),
	)
}

func (r apiReport) jsonValue() jsontext.Value {
	return jsontext.ObjectValue(
		jsontext.Field("url", str(r.URL)),
		jsontext.Field("urlSource", str(r.URLSource)),
		jsontext.Field("timeout", str(r.Timeout)),
		jsontext.Field("timeoutSource", str(r.TimeoutSource)),
	)
}

// overrideJSON writes configstore.Override under its Go field names, as it
// always was.
func overrideJSON(o configstore.Override) jsontext.Value {
	return jsontext.ObjectValue(
		jsontext.Field("Var", str(o.Var)),
		jsontext.Field("Key", str(o.Key)),
		jsontext.Field("Value", str(o.Value)),
	)
}

// members are the view's fields; a report that embeds the view adds its own.
func (v accountView) members() []jsontext.Member {
	validated := jsontext.NullValue()
	if !v.LastValidated.IsZero() {
		validated = jsontext.TimeValue(v.LastValidated)
	}
	return []jsontext.Member{
		jsontext.Field("name", str(v.Name)),
		jsontext.Field("active", yes(v.Active)),
		jsontext.Field("saved", yes(v.Saved)),
		jsontext.Field("stackURL", str(v.StackURL)),
		jsontext.Field("stackID", num(v.StackID)),
		jsontext.Field("defaultProjectID", num(v.DefaultProjectID)),
		jsontext.OmitEmpty("projectID", num(v.ProjectID)),
		jsontext.OmitEmpty("projectName", str(v.ProjectName)),
		jsontext.OmitEmpty("tokenMode", str(v.TokenMode)),
		jsontext.Field("token", str(v.Token)),
		jsontext.OmitEmpty("lastValidated", validated),
	}
}

func accountsJSON(views []accountView) jsontext.Value {
	items := make([]jsontext.Value, len(views))
	for i, v := range views {
		items[i] = jsontext.ObjectValue(v.members()...)
	}
	return jsontext.ArrayValue(items...)
}

func (r switchReport) jsonValue() jsontext.Value {
	return jsontext.ObjectValue(append(r.accountView.members(),
		jsontext.Field("validated", yes(r.Validated)),
		jsontext.Field("path", str(r.Path)),
	)...)
}

func (r removeReport) jsonValue() jsontext.Value {
	return jsontext.ObjectValue(
		jsontext.Field("name", str(r.Name)),
		jsontext.Field("signedOut", yes(r.SignedOut)),
	)
}

func (s loginSummary) jsonValue() jsontext.Value {
	return jsontext.ObjectValue(
		jsontext.OmitEmpty("account", str(s.Account)),
		jsontext.Field("path", str(s.Path)),
		jsontext.Field("stackURL", str(s.StackURL)),
		jsontext.Field("stackID", num(s.StackID)),
		jsontext.Field("defaultProjectID", num(s.DefaultProjectID)),
		jsontext.OmitEmpty("projectID", num(s.ProjectID)),
		jsontext.OmitEmpty("projectName", str(s.ProjectName)),
		jsontext.Field("token", str(s.Token)),
		jsontext.Field("tokenMode", str(s.TokenMode)),
		jsontext.OmitEmpty("demo", yes(s.Demo)),
	)
}

func (r resetReport) jsonValue() jsontext.Value {
	return jsontext.ObjectValue(
		jsontext.Field("path", str(r.Path)),
		jsontext.Field("removed", yes(r.Removed)),
		jsontext.OmitEmpty("account", str(r.Account)),
	)
}

func (r importReport) jsonValue() jsontext.Value {
	return jsontext.ObjectValue(
		jsontext.Field("from", str(r.From)),
		jsontext.Field("path", str(r.Path)),
		jsontext.Field("imported", yes(r.Imported)),
		jsontext.OmitEmpty("account", str(r.Account)),
		jsontext.OmitEmpty("stackURL", str(r.StackURL)),
		jsontext.OmitEmpty("token", str(r.Token)),
	)
}
