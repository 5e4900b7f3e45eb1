package search

// SetMaxBatchHits makes updates write the index every n postings, for
// the tests of search_test, and returns what puts the bound back.
func SetMaxBatchHits(n int) (restore func()) {
	old := maxBatchHits
	maxBatchHits = n
	return func() { maxBatchHits = old }
}
