package clean

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// The template's furniture of a news page in other languages than
// English and Chinese: each case is a small page written for these tests,
// an article of a few paragraphs in the language with the line or block
// under test set amid them, in a container whose name says nothing (the
// words alone must tell).

// langPara is a paragraph of prose in a language, over proseUnits.
var langPara = map[string]string{
	"fr": "Le conseil municipal a voté mardi soir le budget de la bibliothèque, après une longue discussion sur le prix des travaux, le calendrier du chantier et les horaires d'ouverture pendant l'été.",
	"de": "Der Gemeinderat hat am Dienstagabend den Haushalt der Stadtbibliothek beschlossen, nach einer langen Aussprache über die Baukosten, den Zeitplan der Sanierungsarbeiten und die Öffnungszeiten im Sommer.",
	"es": "El pleno municipal aprobó el martes por la noche el presupuesto de la biblioteca, tras un largo debate sobre el coste de las obras, el calendario y el horario de apertura durante el verano.",
	"ru": "Городской совет во вторник вечером утвердил бюджет библиотеки после долгого обсуждения стоимости работ, сроков ремонта и часов работы читального зала летом.",
	"ja": "市議会は火曜日の夜、工事費や改修の日程、夏の開館時間について長い議論を重ねたうえで、図書館の予算案を可決した。",
	"ko": "시의회는 화요일 저녁 공사비와 리모델링 일정, 여름철 개관 시간에 대한 긴 논의 끝에 도서관 예산안을 통과시켰다.",
	"ar": "أقر المجلس البلدي مساء الثلاثاء ميزانية المكتبة بعد نقاش طويل حول كلفة الأشغال وجدول الترميم وساعات الفتح خلال فصل الصيف.",
	"he": "מועצת העיר אישרה ביום שלישי בערב את תקציב הספרייה, אחרי דיון ארוך על עלות העבודות, לוח הזמנים של השיפוץ ושעות הפתיחה בקיץ.",
	"th": "สภาเมืองอนุมัติงบประมาณของห้องสมุดเมื่อเย็นวันอังคาร หลังจากการอภิปรายอย่างยาวนานเรื่องค่าก่อสร้าง กำหนดการปรับปรุง และเวลาเปิดทำการในช่วงฤดูร้อน",
	"vi": "Hội đồng thành phố đã thông qua ngân sách của thư viện vào tối thứ Ba, sau một cuộc thảo luận dài về chi phí xây dựng, tiến độ cải tạo và giờ mở cửa trong mùa hè.",
}

// langPage is an article in lang of five paragraphs, each opening with a
// mark "[n]" the tests look for, with mid set after the second.
func langPage(lang, mid string) string {
	var b strings.Builder
	b.WriteString(`<html lang="` + lang + `"><body><div class="c1"><ul><li><a href="/">1</a></li><li><a href="/x">2</a></li></ul></div><div class="c2"><div class="c3">`)
	for i := 0; i < 5; i++ {
		b.WriteString("<p>[" + string(rune('1'+i)) + "] " + langPara[lang] + "</p>")
		if i == 1 {
			b.WriteString(mid)
		}
	}
	b.WriteString(`</div></div></body></html>`)
	return b.String()
}

// langText is the Text of page, failing t when a paragraph of the article
// is not in it.
func langText(t *testing.T, page string) string {
	t.Helper()
	doc, err := Clean(Input{URL: "https://example.org/news/1", Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		if !strings.Contains(doc.Text, "["+string(rune('1'+i))+"]") {
			t.Errorf("paragraph %d lost:\n%s", i+1, doc.Text)
		}
	}
	return doc.Text
}

// TestRelatedLabelsIntl: a related-reading label (relatedLabelsIntl)
// before a link set amid the article's paragraphs, with its colon after
// it (a no-break space before it, as French sets it), or alone over a list
// of links, points away from the article in any language, as "Read
// more:" does; a sentence that opens with the same words is text.
func TestRelatedLabelsIntl(t *testing.T) {
	list := `<ul><li><a href="/r/1">Le musée prolonge son exposition d'été</a></li><li><a href="/r/2">Un nouveau pont sur la rivière en 2025</a></li>` +
		`<li><a href="/r/3">Les écoles de la ville recrutent</a></li></ul>`
	for _, c := range []struct{ lang, mid, mark string }{
		{"fr", `<p><strong>Lire aussi :</strong> <a href="/a/1">Les bibliothèques de quartier face aux coupes</a></p>`, "face aux coupes"},
		{"fr", "<p><strong>À lire aussi\u00a0:</strong> <a href=\"/a/1\">Les bibliothèques de quartier face aux coupes</a></p>", "face aux coupes"},
		{"fr", `<p><b>Sur le même sujet</b></p>` + list, "nouveau pont"},
		{"de", `<p>Mehr zum Thema: <a href="/a/1">Stadtteilbüchereien kämpfen mit Haushaltskürzungen</a></p>`, "Haushaltskürzungen"},
		{"es", `<p><b>Te puede interesar:</b> <a href="/a/1">Las bibliotecas de barrio ante los recortes</a></p>`, "ante los recortes"},
		{"ru", `<p>Читайте также: <a href="/a/1">Районные библиотеки столкнулись с сокращением бюджета</a></p>`, "сокращением"},
		{"ja", `<p>関連記事：<a href="/a/1">地域の図書館、予算削減に直面</a></p>`, "予算削減"},
		{"ko", `<p>관련기사: <a href="/a/1">동네 도서관들, 예산 삭감에 직면</a></p>`, "예산 삭감"},
		{"ar", `<p dir="rtl">اقرأ أيضا: <a href="/a/1">مكتبات الأحياء تواجه تخفيضات في الميزانية</a></p>`, "تخفيضات"},
		{"he", `<p dir="rtl">קראו עוד: <a href="/a/1">ספריות השכונה מתמודדות עם קיצוצים בתקציב</a></p>`, "קיצוצים"},
		{"th", `<p>ข่าวที่เกี่ยวข้อง: <a href="/a/1">ห้องสมุดชุมชนเผชิญการตัดงบประมาณ</a></p>`, "การตัดงบประมาณ"},
		{"vi", `<p>Xem thêm: <a href="/a/1">Thư viện phường đối mặt với cắt giảm ngân sách</a></p>`, "cắt giảm"},
	} {
		if text := langText(t, langPage(c.lang, c.mid)); strings.Contains(text, c.mark) {
			t.Errorf("%s: related link kept:\n%s", c.lang, text)
		}
	}
	keep := "Lire aussi le rapport du maire, publié lundi, permet de comprendre pourquoi le chantier a pris deux ans de retard."
	if text := langText(t, langPage("fr", "<p>"+keep+"</p>")); !strings.Contains(text, keep) {
		t.Errorf("sentence lost:\n%s", text)
	}
}

// TestAdLabelsIntl: an ad slot's label left between the article's
// paragraphs (adLabelsIntl), alone on its line in any case, is no text of
// the story, as "Advertisement" is not; a sentence that opens with the
// same word is.
func TestAdLabelsIntl(t *testing.T) {
	for _, c := range []struct{ lang, label string }{
		{"de", "Anzeige"}, {"de", "ANZEIGE"}, {"fr", "Publicité"}, {"es", "Publicidad"}, {"ru", "Реклама"},
		{"ja", "広告"}, {"ko", "광고"}, {"ar", "إعلان"}, {"he", "פרסומת"}, {"th", "โฆษณา"}, {"vi", "Quảng cáo"},
	} {
		if text := langText(t, langPage(c.lang, `<div class="c5"><span>`+c.label+`</span></div>`)); strings.Contains(text, c.label) {
			t.Errorf("%s: ad label %q kept:\n%s", c.lang, c.label, text)
		}
	}
	keep := "Werbung an den Bauzäunen der Bibliothek hat der Gemeinderat am Dienstag verboten, nach Beschwerden der Anwohner über die grellen Plakate."
	if text := langText(t, langPage("de", "<p>"+keep+"</p>")); !strings.Contains(text, keep) {
		t.Errorf("sentence lost:\n%s", text)
	}
}

// TestCreditLabelsIntl: a photo's credit under its picture, labelled in
// another script (creditLabelsIntl), leaves the text for Captions, as
// "Photo: …" does; the same label opening a paragraph that stands by no
// picture is text.
func TestCreditLabelsIntl(t *testing.T) {
	for _, c := range []struct{ lang, credit string }{
		{"ru", "Фото: Иван Петров / ТАСС"}, {"ru", "ФОТО: Иван Петров"}, {"ja", "写真：山田太郎"}, {"ja", "写真＝共同通信"},
		{"ko", "사진=김철수 기자"}, {"ar", "تصوير: أحمد علي"}, {"ar", "(الصورة: أحمد علي)"}, {"he", "צילום: יוסי כהן"},
		{"th", "ภาพ: สมชาย ใจดี"}, {"vi", "Ảnh: Nguyễn Văn An"},
	} {
		page := langPage(c.lang, `<div class="c6"><img src="/p.jpg" alt=""></div><p>`+c.credit+`</p>`)
		doc, err := Clean(Input{URL: "https://example.org/news/1", Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(doc.Text, c.credit) || !slices.Contains(doc.Captions, c.credit) {
			t.Errorf("%s: credit %q not a caption: text\n%s\ncaptions %q", c.lang, c.credit, doc.Text, doc.Captions)
		}
	}
	keep := "Фото: в архиве библиотеки хранятся снимки города за сто лет, и часть из них покажут на выставке в субботу."
	if text := langText(t, langPage("ru", "<p>"+keep+"</p>")); !strings.Contains(text, keep) {
		t.Errorf("sentence lost:\n%s", text)
	}
}

// TestIntlDateLines: a template's dated line in another language, a
// label that says the story was published or updated and its date
// (intlDateLine), is no text of the story wherever it stands, as
// "Published March 4, 2024 at 10:12 AM" is not; a sentence that opens
// with the same label and goes on past its date in words is text.
func TestIntlDateLines(t *testing.T) {
	for _, c := range []struct{ lang, line string }{
		{"fr", "Publié le 4 mars 2024 à 10h12, mis à jour le 4 mars 2024 à 18h40"},
		{"de", "Veröffentlicht am 04.03.2024, 10:12 Uhr"}, {"de", "Stand: 04.03.2024"},
		{"es", "Publicado el 4 de marzo de 2024, 10:12"}, {"ru", "Опубликовано 4 марта 2024, 10:12"},
		{"ko", "입력 2024.03.04 10:12 수정 2024.03.04 18:40"}, {"ar", "نشر في 4 مارس 2024 الساعة 10:12"},
		{"he", "פורסם: 04.03.24, 10:12"}, {"th", "เผยแพร่: 4 มี.ค. 2567 10:12 น."}, {"vi", "Thứ hai, 4/3/2024, 10:12 (GMT+7)"},
	} {
		if text := langText(t, langPage(c.lang, `<div class="c7">`+c.line+`</div>`)); strings.Contains(text, c.line) {
			t.Errorf("%s: dated line kept:\n%s", c.lang, text)
		}
	}
	for _, c := range []struct{ lang, line string }{
		{"es", "Publicado en 1998, el libro vendió dos millones de copias en toda América."},
		{"de", "Veröffentlicht am 3. Mai wird der Bericht des Rechnungshofs, sagt der Bürgermeister."},
		{"vi", "Thứ hai, thư viện sẽ mở cửa lúc 8:30 cho các lớp học của trường tiểu học."},
	} {
		if text := langText(t, langPage(c.lang, "<p>"+c.line+"</p>")); !strings.Contains(text, c.line) {
			t.Errorf("%s: sentence lost:\n%s", c.lang, text)
		}
	}
}

// TestHangulUnits: a Korean article of two paragraphs beside a block of
// strung-together headlines of the same length in runes is the text, as
// the same page in English is: a Hangul syllable weighs two units
// (runeUnits), as a Han character does, so a Korean paragraph is no
// shorter to the scores than its English translation.
func TestHangulUnits(t *testing.T) {
	article := []string{
		"시립도서관이 2년간의 리모델링 공사를 마치고 월요일에 다시 문을 열었으며, 오전 9시 개관 전부터 수백 명의 시민이 빗속에서 줄을 섰다.",
		"오래된 건물은 지붕에서 비가 새고 엘리베이터도 없어서 시의회는 2022년에 도서관을 닫고 돌로 된 외벽은 그대로 둔 채 내부를 새로 짓기로 결정했다.",
	}
	heads := []string{
		"교통 파업 화요일부터 무엇이 달라지나 미술관 여름 전시 기간 연장 주말 전국에 비 소식 강 위의 새 다리 2025년 착공",
		"주말 전국에 비 소식 강 위의 새 다리 2025년 착공 크리스마스 시장 올해는 일찍 개장 시내 학교들 교사 구인난",
		"크리스마스 시장 올해는 일찍 개장 시내 학교들 교사 구인난 축구 지역 구단 결승 진출 미술관 여름 전시 기간 연장",
	}
	page := `<html lang="ko"><body><div class="c1"><div class="c2"><p>` + strings.Join(article, "</p><p>") +
		`</p></div><div class="c3"><p>` + strings.Join(heads, "</p><p>") + `</p></div></div></body></html>`
	doc, err := Clean(Input{URL: "https://example.org/news/1", Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range article {
		if !strings.Contains(doc.Text, p) {
			t.Errorf("article paragraph lost:\n%s", doc.Text)
		}
	}
}
