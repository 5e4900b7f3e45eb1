package export

import (
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// A capture's metadata record says under which clean key its clean
// fields were made and, for a revisit that copied them, from which
// capture; a capture cleaned afresh names none.
func TestCaptureFieldsNameTheCleanCopy(t *testing.T) {
	c := archive.Capture{ID: 9, Kind: archive.KindRevisit, CleanKey: "0123abcd", CleanFrom: 7}
	got := string(captureFields(&c, membership{}, ""))
	for _, want := range []string{"clean-key: 0123abcd\r\n", "clean-from: 7\r\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("metadata lacks %q:\n%s", want, got)
		}
	}
	c.CleanFrom = 0
	if got := string(captureFields(&c, membership{}, "")); strings.Contains(got, "clean-from") {
		t.Errorf("a capture cleaned afresh names a clean-from:\n%s", got)
	}
}

// A kept head's framing lines are renamed when the payload is written
// without its transfer coding: Transfer-Encoding, and a Content-Length
// beside it that the wire ignored. A Content-Length alone stays.
func TestRenameTransferEncoding(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"HTTP/1.1 200 OK\r\nContent-Length: 99999\r\nTransfer-Encoding: chunked\r\n\r\n",
			"HTTP/1.1 200 OK\r\nX-Prov-Removed-Content-Length: 99999\r\nX-Prov-Removed-Transfer-Encoding: chunked\r\n\r\n"},
		{"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nContent-Lengths: 1\r\n\r\n",
			"HTTP/1.1 200 OK\r\nX-Prov-Removed-transfer-encoding: chunked\r\nContent-Lengths: 1\r\n\r\n"},
		{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"},
		// white space before the colon, which the transport read past (headmend)
		{"HTTP/1.1 200 OK\r\nTransfer-Encoding : chunked\r\n\r\n", "HTTP/1.1 200 OK\r\nX-Prov-Removed-Transfer-Encoding : chunked\r\n\r\n"},
	} {
		if got := renameTransferEncoding(c.in); got != c.want {
			t.Errorf("renameTransferEncoding(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
	}
}
