package clean

import "testing"

// TestSameClassBesideHeadline: a grid whose columns share a first class
// ("column"): the narrow column beside the one holding the headline and
// its story (opening hours, a contact line) is no other part of it, and
// the row around both is not the article (besideHeadlined).
func TestSameClassBesideHeadline(t *testing.T) {
	page := `<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>Corte de la calle del Molino - Ayuntamiento de Villanueva</title></head><body>` +
		`<div><a href="/">Ayuntamiento de Villanueva</a> <a href="/tramites">Trámites</a> <a href="/noticias">Noticias</a></div>` +
		`<div class="columns"><div class="column is-8"><h1>Corte de la calle del Molino</h1>` +
		`<p>La calle del Molino permanecerá cortada entre el puente y el cruce con la calle de la Iglesia a partir del lunes 4 de marzo, mientras el servicio de aguas sustituye un tramo de la tubería principal.</p>` +
		`<p>El desvío se señalizará por la avenida de la Estación y la calle Mayor, y la línea de autobús 12 parará en paradas provisionales frente a la biblioteca.</p></div>` +
		`<div class="column is-4"><h3>Horario de atención</h3><div>De lunes a jueves, de 9 a 14 horas y de 16 a 18 horas</div><div>Viernes, de 9 a 13 horas</div></div></div>` +
		`<div>© 2024 Ayuntamiento de Villanueva</div></body></html>`
	doc := cleanPage(t, "http://villanueva.example/noticias/molino", []byte(page))
	checkText(t, doc, []string{"permanecerá cortada", "paradas provisionales"}, []string{"Horario de atención", "De lunes a jueves"})
}

// TestSameClassCardsKept: a story cut into cards of one class, the first
// holding the headline, keeps every card: each holds as much text as the
// first.
func TestSameClassCardsKept(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>How to apply for a parking permit - Ashford Vale</title></head><body>` +
		`<div><a href="/">Ashford Vale</a> <a href="/parking">Parking</a></div><div>` +
		`<div class="card"><h1>How to apply for a parking permit</h1><p>Residents of the controlled zones can apply for a permit online, by post or at the Town Hall, and most permits are issued within five working days of a complete application.</p></div>` +
		`<div class="card"><h2>What you need</h2><p>You will need proof of address dated within the last three months, such as a council tax bill, and the registration document of the vehicle, which must be kept at your address.</p></div>` +
		`<div class="card"><h2>What it costs</h2><p>A first permit costs £60 a year, a second one for the same household £90, and permits for electric vehicles cost half as much, whatever the zone you live in.</p></div>` +
		`</div><div>© 2024 Ashford Vale</div></body></html>`
	doc := cleanPage(t, "http://ashford.example/parking/permits", []byte(page))
	checkText(t, doc, []string{"Residents of the controlled zones", "proof of address", "A first permit costs"}, nil)
}

// TestHeadedRemarkBesideHeadline: beside the column that holds the
// headline and a short story, a panel opened by its own heading over one
// statement about the site ("About us") is not a second part of the
// story (headedRemark), where a box of key facts under its heading,
// stating several, still joins it.
func TestHeadedRemarkBesideHeadline(t *testing.T) {
	page := func(side string) []byte {
		return []byte(`<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Neue Sitzbänke am Uferweg - Gemeinde Lindenau</title></head><body>` +
			`<div><a href="/">Gemeinde Lindenau</a> <a href="/rathaus">Rathaus</a> <a href="/aktuelles">Aktuelles</a></div>` +
			`<div><div><h1>Neue Sitzbänke am Uferweg</h1><p>Die Gemeinde hat sechs neue Sitzbänke aus Eichenholz für den Uferweg bestellt, die die alten Bänke ersetzen, welche nach dem Hochwasser im vergangenen Herbst abgebaut werden mussten.</p></div>` +
			`<div>` + side + `</div></div><div>© 2024 Gemeinde Lindenau</div></body></html>`)
	}
	doc := cleanPage(t, "http://lindenau.example/aktuelles/baenke", page(`<h3>Über uns</h3><p>Die Gemeinde Lindenau zählt 4.800 Einwohner in neun Ortsteilen am Fluss.</p>`))
	checkText(t, doc, []string{"sechs neue Sitzbänke"}, []string{"Über uns", "4.800 Einwohner"})
	doc = cleanPage(t, "http://lindenau.example/aktuelles/baenke", page(`<h3>Die Fakten</h3><p>Die Bänke kosten 9.600 Euro. Sie kommen im April. Der Bauhof stellt sie auf.</p>`))
	checkText(t, doc, []string{"sechs neue Sitzbänke", "Die Bänke kosten 9.600 Euro"}, nil)
}

func TestSentenceCount(t *testing.T) {
	for _, c := range []struct {
		t    string
		want int
	}{
		{"Die Gemeinde zählt 4.800 Einwohner.", 1},
		{"Stand 04.03.2024", 0},
		{"It costs £60. It lasts a year!", 2},
		{"青山区辖九个街道。常住人口四十八万。", 2},
		{`He said: "It is done."`, 1},
	} {
		if got := sentenceCount(c.t); got != c.want {
			t.Errorf("sentenceCount(%q) = %d, want %d", c.t, got, c.want)
		}
	}
}

// sidePanelPage is a short notice in a row of two bare <div>s: the
// column of its headline and story, and a panel of the site's template
// under a heading of its own (panel), before or after it (first).
func sidePanelPage(story, panel string, first bool) string {
	col := `<div><h1>Neues Bürgerbüro am Marktplatz eröffnet</h1><div>14.03.2024</div><div>` + story + `</div></div>`
	side := `<div>` + panel + `</div>`
	row := col + side
	if first {
		row = side + col
	}
	return `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Neues Bürgerbüro am Marktplatz eröffnet - Stadt Neustadt</title></head><body>` +
		`<div><a href="/">Stadt Neustadt</a><ul><li><a href="/a">Aktuelles</a></li><li><a href="/b">Service</a></li><li><a href="/c">Kontakt</a></li></ul></div>` +
		`<div><div>` + row + `</div></div>` +
		`<div><p>Stadt Neustadt, Marktplatz 1. Alle Rechte vorbehalten.</p><a href="/impressum">Impressum</a></div></body></html>`
}

// TestSidePanelNotBest: a panel beside the headline's column ("Kontakt"
// over two sentences of an address) that outscores a story of one
// paragraph is not the article (headlineColumn): the story is, and the
// row around both is no ancestor to climb to (climb, panelRow).
func TestSidePanelNotBest(t *testing.T) {
	story := `<p>Die Stadt hat am Montag ein neues Bürgerbüro am Marktplatz eröffnet, in dem Bürgerinnen und Bürger Ausweise, Meldebescheinigungen und Parkausweise beantragen können.</p>`
	panel := `<h3>Kontakt</h3><p>Stadtverwaltung Neustadt, Marktplatz 1, 12345 Neustadt, Telefon 01234 5678, geöffnet montags, dienstags, donnerstags und freitags von 8 bis 16 Uhr.</p>` +
		`<p>Schreiben Sie uns eine Nachricht über das Kontaktformular, wir antworten innerhalb von drei Werktagen.</p>`
	for _, first := range []bool{true, false} {
		doc := cleanPage(t, "http://neustadt.example/aktuelles/buergerbuero", []byte(sidePanelPage(story, panel, first)))
		checkText(t, doc, []string{"neues Bürgerbüro am Marktplatz eröffnet, in dem"}, []string{"Stadtverwaltung Neustadt", "Kontaktformular"})
	}
}

// TestFactsBesideStoryColumn: a box of key facts under its own heading
// (基本信息 over four records) beside the column that holds the headline
// and a long story joins the story (withFactsBeside), though it scores
// under the floor a sibling needs beside a long story and lies beside
// the column, not beside the paragraphs' block; a contact panel of the
// same shape, its values a telephone number, stays out (contactMark).
func TestFactsBesideStoryColumn(t *testing.T) {
	story := `<p>自3月4日星期一起，车站路大桥将对所有车辆封闭，以更换已磨损的支座并重新铺设桥面，区住建局预计整个工程需要大约六周时间完成。</p>` +
		`<p>施工期间，行人和骑车人可以通过设在大桥北侧的临时便道通行，但有两个周末需要移动便道本身，届时便道将暂停开放，请市民提前安排出行。</p>` +
		`<p>12路和14路公交车将改经磨坊街和教堂街行驶，封闭期间在图书馆门前和小学对面设置临时站点，具体站点位置将在沿线公交站牌上张贴公告。</p>` +
		`<p>这座大桥建于1958年，上一次大修是在1994年；去年秋季的检测发现，其中两个支座的位移已超过设计允许的范围，需要尽快更换。</p>` +
		`<p>工程费用由区道路养护预算和市交通部门的专项补助共同承担，总费用略低于一百万元，其中市级补助约占六成，区级预算承担其余部分。</p>`
	page := func(side string) []byte {
		return []byte(`<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>车站路大桥封闭维修 - 青山区人民政府</title></head><body>` +
			`<div><a href="/">青山区人民政府</a> <a href="/zwgk">政务公开</a> <a href="/xwdt">新闻动态</a></div>` +
			`<div><div><div><h1>车站路大桥封闭维修</h1><div>发布时间：2024-03-04</div><div>` + story + `</div></div>` + side + `</div></div>` +
			`<div>© 2024 青山区人民政府 版权所有</div></body></html>`)
	}
	doc := cleanPage(t, "http://qingshan.example/xwdt/daqiao", page(`<div><h3>基本信息</h3><div>项目名称：车站路大桥维修工程</div><div>建设单位：青山区住房和城乡建设局</div><div>计划工期：2024年3月4日至4月15日</div><div>总投资：约98万元</div></div>`))
	checkText(t, doc, []string{"车站路大桥将对所有车辆封闭", "区级预算承担其余部分", "项目名称：车站路大桥维修工程", "总投资：约98万元"}, nil)
	doc = cleanPage(t, "http://qingshan.example/xwdt/daqiao", page(`<div><h3>联系我们</h3><div>地址：青山区人民路88号</div><div>电话：0571-88886666</div></div>`))
	checkText(t, doc, []string{"车站路大桥将对所有车辆封闭", "区级预算承担其余部分"}, []string{"联系我们", "0571-88886666"})
}
