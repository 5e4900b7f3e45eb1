package crawl

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"
)

// BenchmarkReadPayload reads the payload of a page of bench/crawl's size
// (5 KB) sent without a Content-Length (chunked), as most dynamic pages
// are: one op a page.
func BenchmarkReadPayload(b *testing.B) {
	body := bytes.Repeat([]byte("<p>news</p>"), 5000/11)
	t := &transport{limit: DefaultMaxBodySize}
	b.ReportAllocs()
	for b.Loop() {
		resp := &http.Response{StatusCode: 200, ContentLength: -1, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
		payload, _, err := t.readPayload(resp, t.charge(context.Background(), resp), false)
		if err != nil || len(payload) != len(body) {
			b.Fatalf("%d bytes, %v", len(payload), err)
		}
	}
}
