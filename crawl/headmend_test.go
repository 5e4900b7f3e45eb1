package crawl

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/textproto"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestMendHead(t *testing.T) {
	const status = "HTTP/1.1 200 OK\r\n"
	cases := []struct {
		name, head, want string
		repairs          []HeadRepair
	}{
		{"whole", status + "A: 1\r\nX Y: 2\r\nB:\r\n folded\r\nC: caf\xe9\r\n\r\n", "", nil},
		{"no colon", status + "A: 1\r\njunk\r\nB: 2\r\n\r\n", status + "A: 1\r\nB: 2\r\n\r\n", []HeadRepair{{3, RepairNoColon}}},
		{"no name", status + ": x\r\n\r\n", status + "\r\n", []HeadRepair{{2, RepairNoName}}},
		{"name not a token", status + "X-\xe9: b\r\nA(1): c\r\n\r\n", status + "\r\n", []HeadRepair{{2, RepairBadName}, {3, RepairBadName}}},
		{"tab in name", status + "X\t: b\r\n\r\n", status + "X: b\r\n\r\n", []HeadRepair{{2, RepairSpaceName}}},
		{"control byte", status + "A: a\x00b\r\nB: \x7f\r\nC: tab\tok\r\n\r\n", status + "C: tab\tok\r\n\r\n", []HeadRepair{{2, RepairControl}, {3, RepairControl}}},
		{"continuation of a line left out", status + "junk\r\n more\r\n\tmore\r\nA: 1\r\n again\r\n\r\n", status + "A: 1\r\n again\r\n\r\n",
			[]HeadRepair{{2, RepairNoColon}, {3, RepairFoldOnNothing}, {4, RepairFoldOnNothing}}},
		{"continuation of nothing", status + " A: 1\r\nB: 2\r\n\r\n", status + "B: 2\r\n\r\n", []HeadRepair{{2, RepairFoldOnNothing}}},
		{"continuation with a control byte", status + "A: 1\r\n x\x01\r\n\r\n", status + "A: 1\r\n\r\n", []HeadRepair{{3, RepairControl}}},
		{"lengths", status + "Content-Length: 12a\r\ncontent-length: -1\r\nContent-Length: 99999999999999999999\r\nContent-Length:  \r\nContent-Length: 0012\r\n\r\n",
			status + "Content-Length:  \r\nContent-Length: 0012\r\n\r\n", []HeadRepair{{2, RepairLength}, {3, RepairLength}, {4, RepairLength}}},
		{"length lists", status + "Content-Length: 12, 12 ,12\r\nContent-Length: 4, 5\r\nContent-Length: ,\r\n\r\n",
			status + "Content-Length: 12\r\nContent-Length: 4, 5\r\nContent-Length: ,\r\n\r\n", []HeadRepair{{2, RepairLengthList}}},
		{"transfer codings", status + "Transfer-Encoding: identity\r\nTransfer-Encoding: gzip, chunked\r\ntransfer-encoding: CHUNKED\r\n\r\n",
			status + "Transfer-Encoding: gzip, chunked\r\ntransfer-encoding: CHUNKED\r\n\r\n", []HeadRepair{{2, RepairCoding}}},
		{"space before the colon", status + "Content-Type \t: text/html\r\n\r\n", status + "Content-Type: text/html\r\n\r\n", []HeadRepair{{2, RepairSpaceName}}},
		{"bare LF lines", "HTTP/1.1 200 OK\njunk\nContent-Type : a\n\n", "HTTP/1.1 200 OK\nContent-Type: a\n\n", []HeadRepair{{2, RepairNoColon}, {3, RepairSpaceName}}},
		{"status line untouched", "HTTP/1.1 200 no: colon \x01\r\n\r\n", "", nil},
	}
	for _, c := range cases {
		in := []byte(c.head)
		got, repairs := mendHead(in)
		want := c.want
		if want == "" {
			want = c.head
			if &got[0] != &in[0] {
				t.Errorf("%s: a head with nothing to mend was copied", c.name)
			}
		}
		if string(got) != want || !reflect.DeepEqual(repairs, c.repairs) {
			t.Errorf("%s: mended %q %v\nwant %q %v", c.name, got, repairs, want, c.repairs)
		}
	}
}

// Whatever the reads, net/http is handed every head mended and every
// body byte as it came, and the head kept is the final one as it came.
func TestExchangeMendsAcrossReads(t *testing.T) {
	const (
		interim = "HTTP/1.1 103 Early Hints\r\njunk\r\n\r\n"
		final   = "HTTP/1.1 200 OK\r\nContent-Type : text/html\r\nContent-Length: 9\r\n"
		body    = "junk\r\n\r\n"
	)
	want := "HTTP/1.1 103 Early Hints\r\n\r\n" + "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n" + body
	stream := interim + final + "\r\n" + body
	for _, step := range []int{1, 3, 40, len(stream)} {
		ex := new(exchange)
		var handed strings.Builder
		for p := []byte(stream); len(p) > 0; p = p[min(step, len(p)):] {
			handed.Write(ex.read(p[:min(step, len(p))], false))
		}
		if handed.String() != want {
			t.Errorf("%d bytes a read: handed %q, want %q", step, handed.String(), want)
		}
		if _, head := ex.heads(); head != final {
			t.Errorf("%d bytes a read: head kept %q, want %q", step, head, final)
		}
		if want := []HeadRepair{{2, RepairSpaceName}}; !reflect.DeepEqual(ex.repairsMade(), want) {
			t.Errorf("%d bytes a read: repairs %v, want %v", step, ex.repairsMade(), want)
		}
	}
}

// A read error while a head is held hands over what was held as it came,
// for net/http to fail on.
func TestExchangeFailedReadHandsHeld(t *testing.T) {
	ex := new(exchange)
	if got := ex.read([]byte("HTTP/1.1 200 OK\r\njunk\r\n"), false); len(got) != 0 {
		t.Fatalf("handed %q before the head was whole", got)
	}
	if got := string(ex.read([]byte("Content-Le"), true)); got != "HTTP/1.1 200 OK\r\njunk\r\nContent-Le" {
		t.Errorf("handed %q at the error", got)
	}
}

// A page whose head net/http would refuse is fetched as a browser shows
// it: the payload whole, the header as read with the line left out or
// mended, the head kept as it came and the repair recorded.
func TestBrokenHeadsRead(t *testing.T) {
	s := newRawHeadServer(t)
	responses := rawHeadResponses()
	cases := []struct {
		path, payload string
		repairs       []HeadRepair
		header        http.Header
	}{
		{"/no-colon", "read", []HeadRepair{{3, RepairNoColon}}, http.Header{"Content-Type": {"text/html"}}},
		{"/control", "read", []HeadRepair{{2, RepairControl}, {3, RepairFoldOnNothing}}, http.Header{"X-Note": nil}},
		{"/identity", "read to the close", []HeadRepair{{2, RepairCoding}}, http.Header{"Transfer-Encoding": nil}},
		{"/bad-length", "read to the close", []HeadRepair{{2, RepairLength}}, http.Header{"Content-Length": nil}},
		{"/space-colon", "read", []HeadRepair{{2, RepairSpaceName}}, http.Header{"Content-Type": {"text/html; charset=iso-8859-1"}}},
		{"/interim-bad", "read", nil, nil},
		{"/length-list", "read", []HeadRepair{{2, RepairLengthList}}, http.Header{"Content-Length": {"4"}}},
	}
	for _, c := range cases {
		p := fetchHeads(t, s, c.path)
		if p.Err != nil || string(p.Payload) != c.payload {
			t.Errorf("%s: err %v, payload %q", c.path, p.Err, p.Payload)
			continue
		}
		last := p.Redirects[len(p.Redirects)-1]
		if head := headOf(responses[c.path][strings.LastIndex(responses[c.path], "HTTP/1.1"):]); last.ResponseHead != head || p.ResponseHead != head {
			t.Errorf("%s: head kept %q, want %q as it came", c.path, last.ResponseHead, head)
		}
		if !reflect.DeepEqual(last.HeadRepairs, c.repairs) {
			t.Errorf("%s: repairs %v, want %v", c.path, last.HeadRepairs, c.repairs)
		}
		for name, want := range c.header {
			if got := p.Header[name]; !reflect.DeepEqual(got, want) {
				t.Errorf("%s: header %s %q, want %q", c.path, name, got, want)
			}
		}
	}
}

// What is not HTTP as browsers read it either still fails the fetch, as
// a malformed response: two Content-Lengths that disagree (maybe two
// responses in one), a status line net/http cannot read, a head past
// maxHead, a transfer coding besides chunked.
func TestMalformedResponses(t *testing.T) {
	s := newRawHeadServer(t)
	for _, path := range []string{"/two-lengths", "/length-lists", "/bad-status", "/no-http", "/huge", "/gzip-te"} {
		if p := fetchHeads(t, s, path); p.Err == nil || p.Failure() != FailMalformed {
			t.Errorf("%s: err %v, class %q; want %q", path, p.Err, p.Failure(), FailMalformed)
		}
	}
}

// On a kept-alive connection a mended head leaves the responses after it
// as they came.
func TestMendedHeadKeepAlive(t *testing.T) {
	s := newRawHeadServer(t)
	cfg := s.config().withDefaults()
	tr := newTransport(context.Background(), cfg)
	defer tr.base.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	paths := []string{"/ka/1", "/no-colon", "/ka/22"}
	var recs []*record
	for _, path := range paths {
		req, _ := http.NewRequest(http.MethodGet, "http://"+headsHost+path, nil)
		id := tr.newID()
		setHeaders(req.Header, cfg, id, validators{})
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		recs = append(recs, tr.take(id))
	}
	var conns []int
	for _, path := range paths {
		_, c := s.requests(path)
		conns = append(conns, c...)
	}
	if len(conns) != 3 || conns[0] != conns[1] || conns[1] != conns[2] {
		t.Fatalf("connections %v, want one for all three", conns)
	}
	if got := recs[1].hops[0].HeadRepairs; !reflect.DeepEqual(got, []HeadRepair{{3, RepairNoColon}}) {
		t.Errorf("/no-colon repairs %v", got)
	}
	if h := recs[2].hops[0]; h.ResponseHead != headOf(keepAlive("/ka/22")) || h.HeadRepairs != nil || string(recs[2].payload) != "22" {
		t.Errorf("/ka/22 after the mended head: head %q, repairs %v, payload %q", h.ResponseHead, h.HeadRepairs, recs[2].payload)
	}
}

// A server that sends a broken line in every head is read all the same,
// its robots.txt too: its rules hold, and its pages are fetched.
func TestBrokenHeadRobots(t *testing.T) {
	const junk = "Powered by an old server\r\n"
	robots := "User-agent: *\nDisallow: /private\n"
	s := newRawServer(t, map[string]string{
		"/robots.txt": "HTTP/1.1 200 OK\r\n" + junk + "Content-Type: text/plain\r\nContent-Length: " + strconv.Itoa(len(robots)) + "\r\n\r\n" + robots,
		"/page":       "HTTP/1.1 200 OK\r\n" + junk + "Content-Length: 4\r\n\r\npage",
	})
	if p := fetchHeads(t, s, "/page"); p.Err != nil || string(p.Payload) != "page" {
		t.Errorf("/page: err %v, payload %q", p.Err, p.Payload)
	}
	if p := fetchHeads(t, s, "/private/x"); !errors.Is(p.Err, ErrRobotsDisallowed) {
		t.Errorf("/private/x: err %v, want robots.txt's disallow", p.Err)
	}
	if heads, _ := s.requests("/private/x"); len(heads) != 0 {
		t.Errorf("/private/x requested %d times", len(heads))
	}
}

// A redirect's Location is read as browsers read it: a backslash is a
// slash, a tab is dropped. The hop's head keeps it as it came.
func TestLocationAsBrowsersRead(t *testing.T) {
	s := newRawHeadServer(t)
	responses := rawHeadResponses()
	for _, path := range []string{"/loc-backslash", "/loc-host", "/loc-tab"} {
		p := fetchHeads(t, s, path)
		if p.Err != nil || p.FinalURL != "http://"+headsHost+"/a/b/c.html" || string(p.Payload) != "target" {
			t.Errorf("%s: err %v, final %s, payload %q; want /a/b/c.html", path, p.Err, p.FinalURL, p.Payload)
			continue
		}
		if got, want := p.Redirects[0].ResponseHead, headOf(responses[path]); got != want {
			t.Errorf("%s: hop head %q, want %q as it came", path, got, want)
		}
	}
}

// A head cut short by the connection's end is handed to net/http as it
// came, which fails the fetch once, on its last line: held back and never
// handed over, it would look like a connection closed before any answer
// ("EOF"), which net/http retries as an idle connection's.
func TestHeadCutShort(t *testing.T) {
	s := newRawHeadServer(t)
	p := fetchHeads(t, s, "/half-head")
	if p.Err == nil || !strings.Contains(p.Err.Error(), `"Content-Le"`) {
		t.Errorf("err %v, want net/http's refusal of the cut line", p.Err)
	}
	if heads, _ := s.requests("/half-head"); len(heads) != 1 {
		t.Errorf("requested %d times, want once", len(heads))
	}
}

// A chunked body whose connection closed after its last chunk, where the
// blank line ending the message was due, is whole: every byte came. One
// whose connection closed before its last chunk is cut short.
func TestLastChunkCame(t *testing.T) {
	s := newRawHeadServer(t)
	if p := fetchHeads(t, s, "/last-chunk"); p.Err != nil || string(p.Payload) != "hello world" || p.Incomplete != "" {
		t.Errorf("/last-chunk: err %v, payload %q, incomplete %q; want the whole body", p.Err, p.Payload, p.Incomplete)
	}
	if p := fetchHeads(t, s, "/not-last-chunk"); p.Err == nil || p.Incomplete != "disconnect" || string(p.Payload) != "hello world" {
		t.Errorf("/not-last-chunk: err %v, payload %q, incomplete %q; want it cut short", p.Err, p.Payload, p.Incomplete)
	}
}

// Whatever byte a name or a value holds, a line is mended exactly when
// net/http's reader refuses it, and the head mended is one it reads: the
// rules above are held to net/textproto itself, byte for byte.
func TestMendMatchesTextproto(t *testing.T) {
	reads := func(head []byte) bool {
		_, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(head))).ReadMIMEHeader()
		return err == nil
	}
	for b := 0; b < 256; b++ {
		if b == '\r' || b == '\n' || b == ':' {
			continue
		}
		for _, line := range []string{"X" + string(rune(0)) + "Y: v", "X: a" + string(rune(0)) + "b"} {
			line = strings.Replace(line, "\x00", string([]byte{byte(b)}), 1)
			head := []byte(line + "\r\n\r\n")
			mended, repairs := mendHead(append([]byte("HTTP/1.1 200 OK\r\n"), head...))
			if refused := !reads(head); refused != (repairs != nil) {
				t.Errorf("%q: net/http refuses it: %v; repairs %v", line, refused, repairs)
			}
			if !reads(bytes.TrimPrefix(mended, []byte("HTTP/1.1 200 OK\r\n"))) {
				t.Errorf("%q: the mended head %q is refused", line, mended)
			}
		}
	}
}
