package main

import "fmt"

// onceString is a string flag that refuses to be given twice with different
// values: `--stack a --stack b` is a mistake to point out, not a choice to make
// silently (pflag keeps the last). A secret flag (--token) cannot fail in Set,
// because pflag quotes the value in its error: it records the clash in twice
// for checkFlagCombinations to report without the values.
type onceString struct {
	p      *string
	set    bool
	secret bool
	twice  bool
}

func newOnceString(p *string, secret bool) *onceString { return &onceString{p: p, secret: secret} }

func (o *onceString) String() string {
	if o.p == nil || o.secret {
		return ""
	}
	return *o.p
}

func (o *onceString) Set(v string) error {
	if o.set && v != *o.p {
		if o.secret {
			o.twice = true
			return nil
		}
		return fmt.Errorf("it is given twice (%q and %q); pass it once", *o.p, v)
	}
	*o.p, o.set = v, true
	return nil
}

func (o *onceString) Type() string { return "string" }
