package serve

import (
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
