package main

import (
	"errors"
	"testing"
)

// --host takes a name as users write it: an internationalised one in
// Unicode matches the punycode host its URLs carry; one that is no host
// name is a usage error.
func TestExportHostAsWritten(t *testing.T) {
	for in, want := range map[string]string{"中国.政务": "xn--fiqs8s.xn--zfr164b", "WWW.Example.ORG": "www.example.org", "": ""} {
		o := exportOptions{format: "jsonl", host: in}
		f, err := o.validate()
		if err != nil || f.Host != want {
			t.Errorf("--host %q: filter host %q, %v; want %q", in, f.Host, err, want)
		}
	}
	o := exportOptions{format: "jsonl", host: "a\u00a0b.test"}
	var ue *usageError
	if _, err := o.validate(); !errors.As(err, &ue) {
		t.Errorf("--host with a no-break space: %v, want a usage error", err)
	}
}
