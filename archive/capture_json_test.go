package archive

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestMarshalStoredAsJSON checks marshalStored against json.Marshal on
// captures with every field set (by reflection: a field added to Capture,
// or to a struct in it, is set too, and fails the test until
// marshalStored writes it), on captures with each field left zero in
// turn (omitempty), and on strings json escapes.
func TestMarshalStoredAsJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 16))
	check := func(what string, c Capture) {
		t.Helper()
		want, err := json.Marshal(storedCapture{Capture: &c})
		if err != nil {
			t.Fatalf("%s: json: %v", what, err)
		}
		got, err := marshalStored(nil, &c, nil)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s:\ngot  %s\nwant %s", what, got, want)
		}
	}
	for i := 0; i < 200; i++ {
		var c Capture
		fillRandom(r, reflect.ValueOf(&c).Elem())
		check("every field set", c)
		fields := reflect.ValueOf(&c).Elem()
		for f := 0; f < fields.NumField(); f++ {
			d := c
			v := reflect.ValueOf(&d).Elem().Field(f)
			v.Set(reflect.Zero(v.Type()))
			check("without "+fields.Type().Field(f).Name, d)
		}
	}
	check("zero", Capture{})
	check("empty, not nil", Capture{Redirects: []Hop{}, RequestHeader: map[string][]string{}, Captions: []string{},
		Sketch: []uint32{}, Pages: []PageRef{}, DateCandidates: []DateCandidate{}})
	check("nil header values", Capture{RequestHeader: map[string][]string{"A": nil, "B": {}}})
	for _, s := range jsonHardStrings {
		check("string "+s, Capture{Title: s, URL: s, ResponseHeader: map[string][]string{s: {s}}})
	}
}

// TestMarshalStoredFallsBack checks the captures marshalStored leaves to
// json.Marshal: with raw strings, and with a time json refuses.
func TestMarshalStoredFallsBack(t *testing.T) {
	c := Capture{ID: 1, Title: "t"}
	s := storedCapture{Capture: &c, Raw: map[string][]byte{"response_head": []byte("caf\xe9")}}
	want, _ := json.Marshal(s)
	if got, err := marshalStored(nil, s.Capture, s.Raw); err != nil || !bytes.Equal(got, want) {
		t.Errorf("with raw: %s, %v; want %s", got, err, want)
	}
	c.FetchStart = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	_, wantErr := json.Marshal(storedCapture{Capture: &c})
	if _, err := marshalStored(nil, &c, nil); err == nil || wantErr == nil || err.Error() != wantErr.Error() {
		t.Errorf("year 10000: %v; want %v", err, wantErr)
	}
}

// jsonHardStrings are strings json.Marshal escapes or mends.
var jsonHardStrings = []string{
	"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "\x00\x01\x1f\x7f", "\b\f\n\r\t",
	"caf\xe9", "\xff\xfe", "line\u2028para\u2029end", "新闻 \U0001F600", "\xe6\x96", "a\xc0\x80b", "\xed\xa0\x80",
}

// fillRandom sets v, and everything in it, to random values that are
// not zero: strings drawn from jsonHardStrings and letters, slices and
// maps of one to three elements.
func fillRandom(r *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		s := jsonHardStrings[r.IntN(len(jsonHardStrings))]
		if s == "" || r.IntN(2) == 0 {
			s = strings.Repeat(string(rune('a'+r.IntN(26))), 1+r.IntN(8)) + s
		}
		v.SetString(s)
	case reflect.Int, reflect.Int64:
		v.SetInt(r.Int64N(1<<40) - 1<<39 | 1)
	case reflect.Uint64, reflect.Uint32:
		v.SetUint(r.Uint64()>>(64-v.Type().Bits()) | 1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1+r.IntN(3), 3)
		for i := 0; i < s.Len(); i++ {
			fillRandom(r, s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := 0; i < 1+r.IntN(3); i++ {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fillRandom(r, k)
			fillRandom(r, e)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(r.Int64N(1<<32), r.Int64N(1e9)).In(time.FixedZone("", 3600*r.IntN(10)))))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			fillRandom(r, v.Field(i))
		}
	default:
		panic("fillRandom: no values for " + v.Type().String())
	}
}

// BenchmarkMarshalStored compares marshalStored with json.Marshal on a
// capture of the bench/crawl site as prov crawl stores it.
func BenchmarkMarshalStored(b *testing.B) {
	const url = "http://bench.test/news/2004/00004.html"
	reqHead := "GET /news/2004/00004.html HTTP/1.1\r\nHost: bench.test\r\nUser-Agent: prov/0.1.0 (+https://github.com/prov-archive/prov)\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\n"
	respHead := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nLast-Modified: Fri, 01 Mar 2024 08:00:00 GMT\r\nDate: Sat, 05 Dec 2026 21:37:37 GMT\r\nTransfer-Encoding: chunked\r\n"
	c := Capture{Kind: KindResponse, RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
		Redirects:      []Hop{{URL: url, Status: 200, RequestHead: reqHead, ResponseHead: respHead}},
		RequestHeader:  map[string][]string{"Accept": {"*/*"}, "Accept-Encoding": {"gzip, deflate"}, "Host": {"bench.test"}, "User-Agent": {"prov/0.1.0 (+https://github.com/prov-archive/prov)"}},
		ResponseHeader: map[string][]string{"Content-Type": {"text/html; charset=utf-8"}, "Date": {"Sat, 05 Dec 2026 21:37:37 GMT"}, "Last-Modified": {"Fri, 01 Mar 2024 08:00:00 GMT"}},
		RequestHead:    reqHead, ResponseHead: respHead, RemoteAddr: "127.0.0.1:35089", PayloadLength: 4568,
		ToolVersion: "prov/0.1.0", Charset: "utf-8", CharsetEvidence: "utf8-valid", CharsetConfidence: 100,
		Title: "教育部公布最新统计数据", Published: "2004-05-05",
		PublishedWhy: "meta:pubdate: explicit publication metadata, which outranks visible lines, <time>, the URL path, modification dates and Last-Modified; 3 candidates",
		DateCandidates: []DateCandidate{{Value: "2004-05-05", Source: "meta:pubdate", Text: "2004-05-05"},
			{Value: "2004-05-05", Source: "visible:line", Text: "来源：本站综合 2004-05-05 · 记者 杨帆"},
			{Value: "2024-03-01T08:00:00Z", Source: "last-modified", Text: "Fri, 01 Mar 2024 08:00:00 GMT"}},
		Publisher: "本站新闻 Bench Daily", Authority: "unknown", Attribution: "本站综合", Lang: "zh", NormVersion: 1,
		Extractor: "generic", ExtractorVersion: "clean/27", CleanKey: "b0188e510ff10d7c5d7028c653ef9acb", Shingles: 357}
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			json.Marshal(storedCapture{Capture: &c})
		}
	})
	b.Run("marshalStored", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf, _ = marshalStored(buf[:0], &c, nil)
		}
	})
}
