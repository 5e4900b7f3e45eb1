package clean

import "testing"

// footedNotice is a short notice on a template whose blocks carry no names:
// a consent notice, a header of links, the notice under its headline, and
// a footer of three paragraphs that ends with a copyright line.
func footedNotice(story string) []byte {
	return []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Road closure on Station Street from 4 March - Millbrook Town Council</title></head><body>` +
		`<div><p>We use necessary cookies to make our site work. We would also like to set optional analytics cookies, which help us improve it by collecting and reporting information on how you use it, and we will not set them unless you enable them.</p><button>Accept</button><button>Settings</button></div>` +
		`<div><a href="/">Millbrook Town Council</a><div><ul><li><a href="/bins">Bins and recycling</a></li><li><a href="/tax">Council tax</a></li><li><a href="/roads">Roads and travel</a></li></ul></div></div>` +
		`<div><div><h1>Road closure on Station Street from 4 March</h1><div>Published 26 February 2024</div><div>` + story + `</div></div></div>` +
		`<div><div><p>Millbrook Town Council serves twelve thousand residents in the town, the villages of the upper valley, and the farms around them.</p></div>` +
		`<div><p>Town Hall, 1 Market Square, Millbrook MB1 2AA. Telephone 01632 960000, email enquiries@millbrook.example.</p></div>` +
		`<div><p>© 2024 Millbrook Town Council. All rights reserved.</p></div></div></body></html>`)
}

// TestSiteFooterWeighsLittle: the footer that ends a short page with its
// copyright line (what the site is, its address, comma-laden) scores as
// text named as chrome does (siteFooter): it no longer outscores a
// one-paragraph notice, and neither it nor the consent notice joins the text.
func TestSiteFooterWeighsLittle(t *testing.T) {
	story := `<p>Station Street will be closed to through traffic between the bridge and Mill Lane from 4 March for about three weeks, while the water company replaces a main that burst twice last winter.</p>`
	doc := cleanPage(t, "http://council.example/news/road-closure", footedNotice(story))
	checkText(t, doc, []string{"Station Street will be closed"}, []string{"twelve thousand residents", "Telephone 01632 960000", "optional analytics cookies"})
}

// TestSiteFooterNotTheStory: a copyright line that ends the story's own
// element (a post's "© 2024 the author") makes at most that line the
// footer: the element holds the headline.
func TestSiteFooterNotTheStory(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Notes on pruning apple trees</title></head><body>` +
		`<div><a href="/">Home</a> <a href="/about">About</a></div>` +
		`<div><h1>Notes on pruning apple trees</h1><p>Prune in late winter, when the tree is dormant, the wood is bare, and you can see the shape of the branches clearly.</p>` +
		`<p>Take out dead, diseased and crossing wood first, then thin the crown, so that light and air reach the middle of the tree.</p><p>© 2024 Jo Gardener</p></div></body></html>`
	doc := cleanPage(t, "http://jo.example/pruning", []byte(page))
	checkText(t, doc, []string{"Prune in late winter", "thin the crown"}, nil)
	bw := walkBlocks(mustParse(t, doc, []byte(page)))
	if f := siteFooter(bw); f.end-f.start > 1 {
		t.Errorf("footer is %d runs, want at most the copyright line: %q", f.end-f.start, bw.runs[f.start].text)
	}
}

// TestSiteFooterNoPartAfterStory: the footer right after a short story's
// block, beside it under one wrapper, is statements without links as a
// list of key facts is, but it does not join the story as its next part.
func TestSiteFooterNoPartAfterStory(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Swimming pool closed for repairs - Millbrook Leisure</title></head><body><div>` +
		`<div><a href="/">Millbrook Leisure</a> <a href="/pool">Pool</a> <a href="/gym">Gym</a> <a href="/classes">Classes</a></div>` +
		`<div><h1>Swimming pool closed for repairs</h1><p>The swimming pool at Millbrook Leisure Centre will be closed from 10 to 24 June, while the filters are replaced and the changing rooms are repainted.</p><p>Members can use the pools at Riverside and Eastgate at no extra cost, and swimming lessons will move to Riverside for the two weeks.</p></div>` +
		`<div><p>Millbrook Leisure runs the pool, the gym and the sports hall, for the town council.</p><p>Leisure Centre, Park Road, Millbrook MB2 5PQ. Telephone 01632 960123.</p><p>© 2024 Millbrook Leisure. All rights reserved.</p></div>` +
		`</div></body></html>`
	doc := cleanPage(t, "http://leisure.example/news/pool", []byte(page))
	checkText(t, doc, []string{"will be closed from 10 to 24 June"}, []string{"runs the pool, the gym", "Park Road, Millbrook"})
}
