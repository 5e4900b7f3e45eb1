package clean

import (
	"net/http"
	"strings"
	"testing"
)

func TestNormalizeSameHash(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"full-width vs half-width punctuation", "你好，世界！（一）：测试；结束？", "你好,世界!(一):测试;结束?"},
		{"space after folded comma", "你好，世界。", "你好, 世界。"},
		{"zero-width space, joiners, BOM, soft hyphen", "网络\u200B空间\u200D命运\uFEFF共同体 co\u00ADoperation", "网络空间命运共同体 cooperation"},
		{"NFKC full-width letters and digits", "ＡＢＣ１２３ ｶﾀｶﾅ", "ABC123 カタカナ"},
		{"curly and straight quotes", "“地球村”和‘你我’", "\"地球村\"和'你我'"},
		{"dashes", "发展——合作 2012–2022", "发展--合作 2012-2022"},
		{"whitespace and paragraph breaks", "  第一段\u3000内容 \n\n\n  第二段   内容\r\n", "第一段内容\n第二段内容"},
		{"English spacing", "The  internet\tis\u00A0a home.\n\n\nSecond.", "The internet is a home.\nSecond."},
		{"half-width ideographic full stop", "结束｡开始､继续", "结束。开始、继续"},
		{"CJK line-break space", "数字\n经济", "数字\n经济"},
	} {
		if ha, hb := TextHash(tc.a), TextHash(tc.b); ha != hb {
			t.Errorf("%s: %q → %q and %q → %q differ", tc.name, tc.a, Normalize(tc.a), tc.b, Normalize(tc.b))
		}
	}
}

func TestNormalizeDifferentHash(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"one character", "网络空间命运共同体", "网络空间命运共同休"},
		{"paragraph break", "第一段\n第二段", "第一段第二段"},
		{"Latin word space", "in to", "into"},
		{"full stop is not a period", "结束。", "结束."},
		{"case kept", "Internet", "internet"},
	} {
		if TextHash(tc.a) == TextHash(tc.b) {
			t.Errorf("%s: %q and %q hash the same (%q)", tc.name, tc.a, tc.b, Normalize(tc.a))
		}
	}
}

func TestNormalizeExact(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		" \n\t ":         "",
		"你好，世界":          "你好,世界",
		"a\u200Bb":       "ab",
		"第一段\n\n第二段":     "第一段\n第二段",
		"Windows 操作系统":   "Windows操作系统",
		"\xff bad":       "\uFFFD bad",
		"ﬁne — “quoted”": "fine - \"quoted\"",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
	if TextHash("") != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Error("TextHash is not hex sha256 of the normalised text")
	}
}

func TestSameTextAcrossCopies(t *testing.T) {
	// A republished copy: other chrome, <p> paragraphs instead of <div>s,
	// half-width punctuation, no zero-width space. It must hash the same.
	orig := mustClean(t, cleanCases[2])
	var b strings.Builder
	b.WriteString(`<html><head><title>转载：白皮书发布_某门户网</title></head><body><div class="nav"><a href="/">首页</a> <a href="/news/">新闻</a></div><div class="content">`)
	for _, p := range strings.Split(orig.Text, "\n\n") {
		p = strings.NewReplacer("，", ", ", "。", "。 ", "；", ";", "\u200b", "").Replace(p)
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`<p>【打印本页】【关闭窗口】</p></div><div class="footer">版权所有 京ICP备12345678号</div></body></html>`)
	cp, err := Clean(Input{URL: "http://portal.example.com/a.html", Header: http.Header{}, Body: []byte(b.String())})
	if err != nil {
		t.Fatal(err)
	}
	if cp.TextSHA256 != orig.TextSHA256 {
		t.Errorf("copy hashes differently:\n%s\n--- vs\n%s", Normalize(cp.Text), Normalize(orig.Text))
	}
}

func TestFoldPunctMin(t *testing.T) {
	for r := range foldPunct {
		if r < foldPunctMin {
			t.Errorf("foldPunct key %U is below foldPunctMin: Normalize would skip it", r)
		}
	}
}
