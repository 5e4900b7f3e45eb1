package clean

import "testing"

// TestOpeningBoxWeighsLittle: a consent notice over a short page whose
// blocks carry no names (a long paragraph and a button, before the
// headline) scores as text named as chrome (openingBox): it no longer
// outscores a story of one paragraph in the relaxed pass, nor joins it.
func TestOpeningBoxWeighsLittle(t *testing.T) {
	page := `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Neue Sitzbänke am Uferweg - Gemeinde Lindenau</title></head><body>` +
		`<div><p>Wir verwenden Cookies, um Ihnen ein optimales Webseiten-Erlebnis zu bieten. Dazu zählen Cookies, die für den Betrieb der Seite notwendig sind, sowie solche, die lediglich zu anonymen Statistikzwecken genutzt werden, und Sie können selbst entscheiden, welche Kategorien Sie zulassen möchten.</p><button>OK</button></div>` +
		`<div><a href="/">Gemeinde Lindenau</a><div><a href="/aktuelles">Aktuelles</a> <a href="/rathaus">Rathaus</a> <a href="/kontakt">Kontakt</a></div></div>` +
		`<div><div><h1>Neue Sitzbänke am Uferweg</h1><div>12.03.2024</div><p>Die Gemeinde hat sechs neue Sitzbänke aus Eichenholz für den Uferweg bestellt, die die alten Bänke ersetzen, welche nach dem Hochwasser im vergangenen Herbst abgebaut werden mussten.</p></div></div>` +
		`<div><div><h3>Kontakt</h3><p>Gemeindeverwaltung Lindenau<br>Hauptstraße 12<br>72336 Lindenau<br>Telefon: 07433 9876-0</p></div></div></body></html>`
	doc := cleanPage(t, "http://lindenau.example/aktuelles/baenke", []byte(page))
	checkText(t, doc, []string{"sechs neue Sitzbänke"}, []string{"Wir verwenden Cookies"})
}

// TestOpeningBoxNeedsHeadline: a page without an <h1> whose first block
// is its text with a button under it has no opening box.
func TestOpeningBoxNeedsHeadline(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Notice</title></head><body>` +
		`<div><p>The library will be closed on Monday, 6 May, for the bank holiday, and will open again at nine on Tuesday morning, as usual.</p><button>Print</button></div>` +
		`<div><a href="/">Home</a> <a href="/about">About</a></div></body></html>`
	doc := cleanPage(t, "http://library.example/notice", []byte(page))
	bw := walkBlocks(mustParse(t, doc, []byte(page)))
	if b := openingBox(bw); b.end > b.start {
		t.Errorf("opening box of %d runs on a page without a headline", b.end-b.start)
	}
	checkText(t, doc, []string{"The library will be closed"}, nil)
}

// TestClosingBoxWeighsLittle: a consent notice at the bottom of a short
// page, after its footer (a paragraph longer than the story and a row
// of buttons), scores as text named as chrome (closingBoxNode): it no longer
// outscores the story.
func TestClosingBoxWeighsLittle(t *testing.T) {
	page := `<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>磨坊路封闭施工 - 青山区人民政府</title></head><body>` +
		`<div><a href="/">青山区人民政府</a><div><a href="/zwgk">政务公开</a> <a href="/bsfw">办事服务</a> <a href="/xwdt">新闻动态</a></div></div>` +
		`<div class="k3v9-w"><div><div><h1>磨坊路封闭施工</h1></div><div><p>自3月4日起，磨坊路桥头至教堂街路口段将封闭施工，供水公司将更换一段主管道，预计工期三周。</p></div></div></div>` +
		`<div><div><a href="/about">网站声明</a> <a href="/map">网站地图</a></div><div>© 2024 青山区人民政府 版权所有</div></div>` +
		`<div class="k3v9-z"><div><p>本网站使用Cookie以保证网站正常运行、了解您的使用方式并改进我们的服务，我们还希望设置可选的统计类Cookie，您可以随时在设置中接受、拒绝或管理这些Cookie，详情请参阅我们的Cookie政策。</p></div>` +
		`<div><button type="button">全部接受</button><button type="button">拒绝</button><button type="button">设置</button></div></div></body></html>`
	doc := cleanPage(t, "http://qingshan.example/xwdt/mofang", []byte(page))
	checkText(t, doc, []string{"磨坊路桥头"}, []string{"本网站使用Cookie"})
	bw := walkBlocks(mustParse(t, doc, []byte(page)))
	if closingBoxNode(bw) == nil {
		t.Errorf("no closing box")
	}
}

// TestClosingBoxLongConsent: a consent notice at the bottom of a short
// page that explains itself in two long paragraphs (past appealMaxUnits)
// over a choice of controls ([Accept all] [Reject] [Settings], links
// marked role="button") is still a closing box, and the story of one
// paragraph, shorter than the notice, is the text.
func TestClosingBoxLongConsent(t *testing.T) {
	p1 := `We use cookies to make this website work and to understand how you use it so that we can improve our services for everyone who lives and works in the borough. Some cookies are set by services of other companies that appear on our pages such as video players and maps.`
	p2 := `You can accept all cookies or reject those that are not needed for the site to work. You can also choose which ones you allow in the settings and change your choice at any time from the link at the bottom of every page of this website.`
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Recycling centre opens on Station Road - Northfield Council</title></head><body>` +
		`<div><a href="/">Northfield Council</a><div><a href="/bins">Bins</a> <a href="/parking">Parking</a> <a href="/news">News</a></div></div>` +
		`<div><div><h1>Recycling centre opens on Station Road</h1><div>14.03.2024</div><div><p>The council has opened a new recycling centre on Station Road, which will accept garden waste, electrical items, furniture, and building rubble from residents.</p></div></div></div>` +
		`<div><p>Northfield Council, Town Hall, Market Square. All rights reserved.</p><a href="/privacy">Privacy</a></div>` +
		`<div class="q7-z"><div><p>` + p1 + ` ` + p2 + ` ` + p1 + `</p><p>` + p2 + ` ` + p1 + ` ` + p2 + `</p>` +
		`<div><a href="#" role="button">Accept all</a> <a href="#" role="button">Reject</a> <a href="#" role="button">Settings</a></div></div></div></body></html>`
	doc := cleanPage(t, "http://northfield.example/news/recycling", []byte(page))
	checkText(t, doc, []string{"new recycling centre on Station Road"}, []string{"We use cookies", "You can accept all"})
	bw := walkBlocks(mustParse(t, doc, []byte(page)))
	if closingBoxNode(bw) == nil {
		t.Errorf("no closing box")
	}
}

// TestRelaxedPassWithoutClosingBox: a consent notice under a short story
// whose comma-laden paragraphs outscore the story even weighed as chrome
// (closingBoxNode) is left by the first pass (nearHeadline), and what the
// relaxed pass finds in it is no gain over the first pass's text
// (controlBoxes): the story alone is the text.
func TestRelaxedPassWithoutClosingBox(t *testing.T) {
	p1 := `We use cookies to make this website work, to understand how you use it, and to improve our services. Some cookies are set by third-party services that appear on our pages, such as video players, maps, and forms for feedback, and they may collect data about your visit to other sites as well.`
	p2 := `You can accept all cookies, reject those that are not essential, or choose which ones you allow in the settings. You can change your choice at any time from the link at the bottom of every page, and you can read more about each kind of cookie, who sets it, and how long it lasts in our cookie policy.`
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Recycling centre opens on Station Road - Northfield Council</title></head><body>` +
		`<div><a href="/">Northfield Council</a><div><a href="/bins">Bins</a> <a href="/parking">Parking</a> <a href="/news">News</a></div></div>` +
		`<div class="q7-x"><div><h1>Recycling centre opens on Station Road</h1><p>The council has opened a new recycling centre on Station Road, which will accept garden waste, electrical items, furniture, and building rubble from residents.</p></div></div>` +
		`<div><div><a href="/privacy">Privacy</a> <a href="/access">Accessibility</a></div><div>© 2024 Northfield Council</div></div>` +
		`<div class="q7-z"><div><p>` + p1 + ` ` + p2 + `</p><p>` + p2 + ` ` + p1 + `</p>` +
		`<div><a href="#" role="button">Accept all</a> <a href="#" role="button">Reject</a> <a href="#" role="button">Settings</a></div></div></div></body></html>`
	doc := cleanPage(t, "http://northfield.example/news/recycling", []byte(page))
	checkText(t, doc, []string{"new recycling centre on Station Road"}, []string{"We use cookies", "You can accept all"})
}

// TestClosingBannerAfterFooter: a consent notice after the site's footer
// that explains itself in four long paragraphs (past boxMaxUnits and
// appealMaxProse) over a choice of buttons is a banner (bannerShape):
// its paragraphs are worth nothing to the scorer and the fallbacks, and
// the story of one paragraph, under a headline in an element of its own,
// is the text.
func TestClosingBannerAfterFooter(t *testing.T) {
	p := []string{
		`Wir verwenden Cookies, damit diese Internetseite funktioniert und damit wir verstehen, wie sie genutzt wird, um unsere Angebote für alle Bürgerinnen und Bürger zu verbessern.`,
		`Einige Cookies werden von Diensten anderer Anbieter gesetzt, die auf unseren Seiten erscheinen, etwa Videos, Karten und Formulare, und diese Anbieter können die Daten auch anderswo verwenden.`,
		`Sie können alle Cookies akzeptieren, die nicht notwendigen ablehnen oder in den Einstellungen auswählen, welche Arten Sie zulassen, und Ihre Wahl jederzeit am Fuß jeder Seite ändern.`,
		`Notwendige Cookies halten die Seite sicher und merken sich Ihre Einstellungen, etwa die Schriftgröße; Statistik-Cookies zählen Besuche anonym; Marketing-Cookies nur mit Ihrer Zustimmung.`,
	}
	banner := ""
	for i := range p {
		banner += `<p>` + p[i] + ` ` + p[(i+1)%4] + ` ` + p[(i+2)%4] + `</p>`
	}
	page := `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Brücke an der Bahnhofstraße wird saniert - Gemeinde Lindenau</title></head><body>` +
		`<div><a href="/">Gemeinde Lindenau</a><div><a href="/rathaus">Rathaus</a> <a href="/aktuelles">Aktuelles</a></div></div>` +
		`<div><div><h1>Brücke an der Bahnhofstraße wird saniert</h1><div>04.03.2024</div></div><div><div><p>Die Brücke an der Bahnhofstraße wird ab Montag, dem 4. März, für den gesamten Verkehr gesperrt, weil die abgenutzten Lager ersetzt werden müssen.</p></div></div></div>` +
		`<div><div><a href="/datenschutz">Datenschutz</a> <a href="/impressum">Impressum</a></div><div>© 2024 Gemeinde Lindenau</div></div>` +
		`<div class="c8-k"><div>` + banner + `<div><button type="button">Alle akzeptieren</button><button type="button">Ablehnen</button><button type="button">Einstellungen</button></div></div></div></body></html>`
	doc := cleanPage(t, "http://lindenau.example/aktuelles/bruecke", []byte(page))
	checkText(t, doc, []string{"abgenutzten Lager"}, []string{"Wir verwenden Cookies", "Notwendige Cookies"})
	bw := walkBlocks(mustParse(t, doc, []byte(page)))
	if b, banner := closingBoxFound(bw); b == nil || !banner {
		t.Errorf("no banner after the footer")
	}
}

// TestClosingBannerNeedsFooter: a story's last part before the site's
// footer, three paragraphs over a form of two fields ("Respond"), is no
// banner: it does not follow the footer, and the story keeps it.
func TestClosingBannerNeedsFooter(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Consultation on the Station Road bridge - Northfield Council</title></head><body>` +
		`<div><a href="/">Northfield Council</a></div>` +
		`<div><h1>Consultation on the Station Road bridge</h1></div><div><p>The council is asking residents how the bridge on Station Road should be repaired, whether it should close for six weeks or stay open in one lane for four months.</p></div>` +
		`<div><p>You can respond by filling in the form below, and you can say which of the two options you prefer and why, or suggest another way of doing the work that we have not thought of.</p>` +
		`<p>We will read every response, and a summary of what residents told us will be published on this page together with the decision of the council's highways committee in June.</p>` +
		`<p>Your name and address will not be published, and we will only use your email address to tell you about the outcome of the consultation if you ask us to do so.</p>` +
		`<form><textarea name="comment"></textarea><input type="email" name="email"><button>Send</button></form></div>` +
		`<div>© 2024 Northfield Council</div></body></html>`
	doc := cleanPage(t, "http://northfield.example/consult/bridge", []byte(page))
	checkText(t, doc, []string{"how the bridge on Station Road", "respond by filling in the form", "Your name and address"}, nil)
}
