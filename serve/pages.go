package serve

import (
	"fmt"
	"net/url"
	"strconv"
)

// maxPage bounds the page number of a paged route (works, search), so
// that a page's offset, (page-1) × Config.PageSize, cannot overflow: a
// million pages is far more than any archive prov is made for holds.
const maxPage = 1_000_000

// pageOf reads a paged route's page number from its query: 1 when there
// is none, else a number from 1 to maxPage (a bad request otherwise).
func pageOf(q url.Values) (int, error) {
	v := q.Get("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPage {
		return 0, badRequest("page %q: want a number from 1 to %d", v, maxPage)
	}
	return n, nil
}

// pageLink is the current query with another page number.
func pageLink(q url.Values, page int) string {
	q.Set("page", strconv.Itoa(page))
	return "?" + q.Encode()
}

// pager is a page's place among the pages of a paged route.
type pager struct {
	Page, Pages int
	Prev, Next  string // links to the neighbouring pages, "" at either end
}

// paginate places page among the pages that total rows fill, size of
// them to a page; there is always a first page, empty or not. A page
// past the last is a pastEnd (a 404 linking the last page), never an
// empty page of its own.
func paginate(q url.Values, page, total, size int) (pager, error) {
	p := pager{Page: page, Pages: max(1, (total+size-1)/size)}
	if page > p.Pages {
		return p, pastEnd{page: page, pages: p.Pages, last: pageLink(q, p.Pages)}
	}
	if page > 1 {
		p.Prev = pageLink(q, page-1)
	}
	if page < p.Pages {
		p.Next = pageLink(q, page+1)
	}
	return p, nil
}

// pastEnd is a page number beyond the last page.
type pastEnd struct {
	page, pages int
	last        string // link to the last page
}

func (e pastEnd) Error() string {
	return fmt.Sprintf("no page %d: the last is page %d", e.page, e.pages)
}
