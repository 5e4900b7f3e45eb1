// Package layering holds no code, only TestLayering: the test that keeps
// prov's packages in their layers. crawl, clean and archive (with their
// subpackages) never import one another, the pipeline package ingest, or
// any command; rules, textdiff, evalscore, memory, urlpath and bloom, which they share, never
// import ingest or a command either. Only ingest and cmd/... wire the
// layers together, so a web server or a distributed worker can reuse any
// package below them without pulling in the rest.
package layering
