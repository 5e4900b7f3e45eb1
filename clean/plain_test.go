package clean

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestPlainParagraphs(t *testing.T) {
	wrappedEN := "The internet is an important human achievement and a symbol of\n" +
		"the arrival of the information age. As a new round of technological\n" +
		"revolution accelerates, the world has become a global village.\n"
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"blank lines part, wrapping joins", "Preface\n\n" + wrappedEN + "\nSecond paragraph.\n",
			[]string{"Preface", "The internet is an important human achievement and a symbol of the arrival of the information age. As a new round of technological revolution accelerates, the world has become a global village.", "Second paragraph."}},
		{"short lines of a block stay apart", "当前位置：首页 > 新闻\r\n发布时间：2022-11-07 来源：新华网\r\n\r\n正文。\r\n",
			[]string{"当前位置：首页 > 新闻", "发布时间：2022-11-07 来源：新华网", "正文。"}},
		{"a short line ends its paragraph", "The internet is an important human achievement and a symbol of\nthe information age.\nA new paragraph starts on the line after a short one and\nruns on.\n\nEnd.",
			[]string{"The internet is an important human achievement and a symbol of the information age.", "A new paragraph starts on the line after a short one and runs on.", "End."}},
		{"an indented line opens a paragraph", "  The first paragraph is a long line that is wrapped at some width\nand goes on here.\n  The second one is indented as the first was, and it is wrapped.\n\nx",
			[]string{"The first paragraph is a long line that is wrapped at some width and goes on here.", "The second one is indented as the first was, and it is wrapped.", "x"}},
		{"CJK wrapping joins without a space", "国务院新闻办公室11月7日发布《携手构建网络空间命运共同体》白皮书，\n全文约1.2万字。\n\n二",
			[]string{"国务院新闻办公室11月7日发布《携手构建网络空间命运共同体》白皮书，全文约1.2万字。", "二"}},
		{"no blank line: a paragraph per line", "\u3000\u3000第一段落的文字很长很长很长很长很长很长很长很长很长很长很长很长。\n\u3000\u3000第二段落的文字也很长很长很长很长很长很长很长很长很长很长很长。\n",
			[]string{"第一段落的文字很长很长很长很长很长很长很长很长很长很长很长很长。", "第二段落的文字也很长很长很长很长很长很长很长很长很长很长很长。"}},
		{"nothing", " \n\t\n", nil},
	} {
		if got := plainParagraphs(c.src); !slices.Equal(got, c.want) {
			t.Errorf("%s: got\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestCleanPlainText: a text/plain payload is read as text, all of it, in
// its paragraphs; markup in it is its text; its source and date lines are
// read as a page's.
func TestCleanPlainText(t *testing.T) {
	body := "携手构建网络空间命运共同体\n\n（来源：国务院新闻办公室，2022-11-07）\n\n" +
		"白皮书说，<script>标签</script>与 a < b 都是文字。\n"
	doc, err := Clean(Input{URL: "http://gov.test/a.txt", Header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	want := "携手构建网络空间命运共同体\n\n（来源：国务院新闻办公室，2022-11-07）\n\n白皮书说，<script>标签</script>与 a < b 都是文字。"
	if doc.Text != want || doc.Extractor != ExtractorPlain {
		t.Errorf("text %q by %q, want %q by %q", doc.Text, doc.Extractor, want, ExtractorPlain)
	}
	if doc.Attribution != "国务院新闻办公室" || !strings.HasPrefix(doc.Published, "2022-11-07") || doc.Title != "" {
		t.Errorf("attribution %q, published %q, title %q; want 国务院新闻办公室, 2022-11-07 and none", doc.Attribution, doc.Published, doc.Title)
	}

	for text, want := range map[string]bool{
		"<!DOCTYPE html><p>x": true, "\uFEFF\n  <html lang=en>": true, "<!-- generated --><div>x</div>": true,
		"<p>x": true, "a < b": false, "<<< conflict": false, "<note>": false, "Hello\n<html>": false,
	} {
		if got := opensAsHTML([]byte(text)); got != want {
			t.Errorf("opensAsHTML(%q) = %v, want %v", text, got, want)
		}
	}
	// An HTML page a server labels text/plain is read as HTML.
	page := "<!DOCTYPE html><html><head><title>T</title></head><body><article><p>" + strings.Repeat("A paragraph of the article. ", 20) + "</p></article></body></html>"
	doc, err = Clean(Input{URL: "http://gov.test/b", Header: http.Header{"Content-Type": {"text/plain"}}, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Extractor == ExtractorPlain || strings.Contains(doc.Text, "<p>") {
		t.Errorf("HTML labelled text/plain: extractor %q, text %q", doc.Extractor, doc.Text)
	}
}

// A body served without a Content-Type is read as plain text when it has
// no tag, as browsers sniff it: its lines stay paragraphs and its date is
// found, as when it is labelled text/plain. One with a tag is HTML.
func TestUnlabelledPlainText(t *testing.T) {
	body := "国务院关于印发《“十三五”推进基本公共服务均等化规划》的通知\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n" +
		"现将《规划》印发给你们，请认真贯彻执行，a < b 不是标签。\n\n国务院\n2017年1月3日\n"
	labelled, err := Clean(Input{URL: "http://gov.test/a", Header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Clean(Input{URL: "http://gov.test/a", Header: http.Header{}, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Extractor != ExtractorPlain || doc.Text != labelled.Text || doc.Published != labelled.Published || !strings.HasPrefix(doc.Published, "2017-01-03") {
		t.Errorf("unlabelled: %q by %s, published %q; want %q by plain, as labelled", doc.Text, doc.Extractor, doc.Published, labelled.Text)
	}
	for text, want := range map[string]bool{"a < b": false, "x <p>y": true, "<!-- c -->": true, "</div>": true, "<?xml": true, "1<2<3": false, "end <": false} {
		if got := hasTag([]byte(text)); got != want {
			t.Errorf("hasTag(%q) = %v, want %v", text, got, want)
		}
	}
	html := "Notice<br>" + strings.Repeat("<p>A paragraph of the notice, long enough to be text.</p>", 4)
	if doc, err := Clean(Input{URL: "http://gov.test/b", Header: http.Header{}, Body: []byte(html)}); err != nil || doc.Extractor == ExtractorPlain || strings.Contains(doc.Text, "<p>") {
		t.Errorf("unlabelled HTML: %v, %+v", err, doc)
	}
}

// FuzzPlainParagraphs: plain text loses nothing but white space, and no
// paragraph is empty or holds a paragraph break.
func FuzzPlainParagraphs(f *testing.F) {
	f.Add("a\n\nb c\r\nd")
	f.Add("\u3000\u3000一\n\u3000\u3000二")
	f.Add("x <p> y\n\n\n")
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			t.Skip()
		}
		paras := plainParagraphs(src)
		for _, p := range paras {
			if p == "" || strings.Contains(p, "\n\n") {
				t.Fatalf("paragraph %q of %q", p, src)
			}
		}
		if got, want := withoutSpace(strings.Join(paras, "")), withoutSpace(src); got != want {
			t.Fatalf("text of %q: %q, want %q", src, got, want)
		}
	})
}

func withoutSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestCleanPlainNUL: a NUL in a text/plain payload is U+FFFD in its text,
// as browsers read text/plain; no raw U+0000 is stored.
func TestCleanPlainNUL(t *testing.T) {
	body := "Line one\x00 with NUL.\n\nSecond paragraph caf\u00e9.\n"
	doc, err := Clean(Input{URL: "http://plain.test/a.txt", Header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Line one\uFFFD with NUL.\n\nSecond paragraph caf\u00e9."; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}
