// Package rules holds site rules: which hosts a site has, how authoritative
// its publisher is, what to crawl, and how to read its pages. Rules files are
// YAML, validated whole before anything runs; errors name file:line.
//
// rules is a leaf: crawl, clean and archive may read it, it imports none of them.
package rules
