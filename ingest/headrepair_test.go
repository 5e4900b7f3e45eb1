package ingest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// A page whose head net/http would refuse is archived as a browser shows
// it: the head read with its broken line left out and its spaced name
// mended (the charset it names decides the text), the head kept as it
// came, and the capture saying which lines were not read as they came.
func TestHeadRepairsArchived(t *testing.T) {
	body := "<html><head><title>K\xf9\xf2</title></head><body><p>" + strings.Repeat("P\xf8\xedli\x9a \x9elu\x9dou\xe8k\xfd k\xf9\xf2 \xfap\xecl \xef\xe1belsk\xe9 \xf3dy. ", 10) + "</p></body></html>"
	head := "HTTP/1.1 200 OK\r\nContent-Type : text/html; charset=windows-1250\r\nServed by an old script\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n", len(body))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		answerRaw(w, head+"\r\n"+body)
	}))
	t.Cleanup(srv.Close)
	cfg := crawl.Config{AllowPrivate: true, MaxDepth: -1, Delay: -1, Retries: -1, NoDiscovery: true}
	c := crawlOneNew(t, srv.URL+"/paper", cfg, Options{})
	if c.ResponseHead != head {
		t.Errorf("head kept %q, want %q as it came", c.ResponseHead, head)
	}
	want := []archive.HeadRepair{{Line: 2, Repair: crawl.RepairSpaceName}, {Line: 3, Repair: crawl.RepairNoColon}}
	if got := c.Redirects[len(c.Redirects)-1].HeadRepairs; !reflect.DeepEqual(got, want) {
		t.Errorf("repairs %v, want %v", got, want)
	}
	if c.Charset != "windows-1250" || c.CharsetEvidence != "header" || c.Title != "Kůň" {
		t.Errorf("charset %s by %s, title %q; want windows-1250 by the header, Kůň (header %v)", c.Charset, c.CharsetEvidence, c.Title, c.ResponseHeader)
	}
}

// answerRaw writes raw as the whole answer, byte for byte, and closes
// the connection: what net/http's server would not write (a head it
// would mend, a body shorter than its length).
func answerRaw(w http.ResponseWriter, raw string) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf.WriteString(raw)
	buf.Flush()
}
