//go:build ignore

// splitgen writes the fixed tune/check split of the encoding eval files
// (testdata/split.tsv), which BenchmarkEval reads. It was run once; the
// list it wrote is the split and is committed so that it never moves.
// Re-run it only for a dataset that is new in shared/eval, and keep the
// lines already there. From clean/charset:
//
//	go run testdata/splitgen.go ../../../shared/eval/encoding > testdata/split.tsv
//
// Files are split by group, never one by one, so that text from one
// source cannot sit in both halves:
//
//   - chardet: the site a file is named after ("aif.ru.health.xml" is
//     aif.ru: the registrable domain of the shortest dotted prefix that
//     ends in an ICANN top-level domain), the same across the encoding
//     folders, which hold one feed in several charsets. Files named
//     "_mozilla_bugN" group by bug; other underscore files ("_ude_1.txt",
//     "_chromium_...") and names without a domain are each their own group,
//     except "_ude_" files named after a language ("_ude_greek.txt"),
//     which group by that name across folders.
//   - charset_normalizer: the sample's language ("sample-russian-2.txt"
//     is sample-russian).
//   - european: the manifest's source column, with ENCA's test sentence
//     taken per language (enca:et, one sentence in several charsets) and
//     chardet's files by site as above.
//   - synthetic: the manifest's variant (how the page is declared and
//     served): the five encodings of one variant share a half.
//
// Groups are placed largest first (ties by FNV-1a hash of the key), each in
// the half where its charsets have fewer files so far (then where its
// folders have fewer, then the smaller half, then by the hash's parity), so
// that every charset with two groups or more is in both halves.
package main

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// file is one eval file: its path under the encoding folder, the group
// that decides its half, and its folder (lower case: a charset, maybe with
// a language suffix).
type file struct {
	dataset, path, group, folder string
}

var langSuffix = regexp.MustCompile(`[0-9]-[a-z]{4,}$`)

// charset is the folder without its language suffix ("windows-1251-russian"
// is windows-1251; "koi8-r" and "x-mac-cyrillic" stay whole).
func (f file) charset() string {
	if loc := langSuffix.FindStringIndex(f.folder); loc != nil {
		return f.folder[:loc[0]+1]
	}
	return f.folder
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run testdata/splitgen.go EVAL_ENCODING_DIR")
		os.Exit(2)
	}
	files, err := list(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "splitgen:", err)
		os.Exit(1)
	}
	half := assign(files)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "# dataset\tfile\tgroup\thalf  (written by testdata/splitgen.go; fixed: do not regenerate)")
	for _, f := range files {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", f.dataset, f.path, f.group, half[f.dataset+"|"+f.group])
	}
}

func list(dir string) ([]file, error) {
	var files []file
	for _, set := range []string{"chardet", "charset_normalizer"} {
		paths, err := filepath.Glob(filepath.Join(dir, set, "*", "*"))
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			folder, name := filepath.Base(filepath.Dir(p)), filepath.Base(p)
			g := siteGroup(folder, name)
			if set == "charset_normalizer" {
				g = sampleGroup(name)
			}
			files = append(files, file{set, set + "/" + folder + "/" + name, g, strings.ToLower(folder)})
		}
	}
	eu, err := manifest(dir, "european", europeanGroup)
	if err != nil {
		return nil, err
	}
	syn, err := manifest(dir, "synthetic", func(c []string) string { return c[5] })
	if err != nil {
		return nil, err
	}
	return append(append(files, eu...), syn...), nil
}

// manifest lists a dataset's files from its manifest.tsv; the charset is
// the file's folder.
func manifest(dir, set string, group func([]string) string) ([]file, error) {
	b, err := os.ReadFile(filepath.Join(dir, set, "manifest.tsv"))
	if err != nil {
		return nil, err
	}
	var files []file
	for _, line := range strings.Split(string(b), "\n") {
		c := strings.Split(line, "\t")
		if len(c) < 6 || c[0] == "file" {
			continue
		}
		folder, _, _ := strings.Cut(c[0], "/")
		files = append(files, file{set, set + "/" + c[0], group(c), strings.ToLower(folder)})
	}
	return files, nil
}

var (
	encaRe    = regexp.MustCompile(`^enca:test/([a-z]+)-s\.`)
	chardetRe = regexp.MustCompile(`^chardet@[0-9a-f]+:tests/([^/]+)/(\S+)`)
)

// europeanGroup is the source column, with ENCA's sentence per language
// and chardet's files by site.
func europeanGroup(c []string) string {
	src := c[3]
	if m := encaRe.FindStringSubmatch(src); m != nil {
		return "enca:" + m[1]
	}
	if m := chardetRe.FindStringSubmatch(src); m != nil {
		return "chardet:" + siteGroup(m[1], m[2])
	}
	return src
}

var sampleRe = regexp.MustCompile(`^(sample-[a-z]+)`)

func sampleGroup(name string) string {
	if m := sampleRe.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	return name
}

var (
	mozillaRe = regexp.MustCompile(`^_mozilla_(bug[0-9]+)`)
	udeLangRe = regexp.MustCompile(`^_ude_([a-z]+)[0-9]*\.`)
)

// siteGroup is the site a chardet file is named after, or the group of an
// underscore file, or the file itself within its folder.
func siteGroup(folder, name string) string {
	if m := mozillaRe.FindStringSubmatch(name); m != nil {
		return "mozilla_" + m[1]
	}
	if m := udeLangRe.FindStringSubmatch(name); m != nil && m[1] != "euc" {
		return "ude_" + m[1]
	}
	if !strings.HasPrefix(name, "_") {
		if site := siteOf(name); site != "" {
			return site
		}
	}
	return folder + "/" + name
}

// siteOf is the registrable domain of the shortest dotted prefix of name
// (extension dropped) whose last label is an ICANN top-level domain, or "".
func siteOf(name string) string {
	labels := strings.Split(strings.TrimSuffix(name, filepath.Ext(name)), ".")
	for i := 2; i <= len(labels); i++ {
		tld := labels[i-1]
		if s, icann := publicsuffix.PublicSuffix(tld); s != tld || !icann {
			continue
		}
		if d, err := publicsuffix.EffectiveTLDPlusOne(strings.Join(labels[:i], ".")); err == nil {
			return strings.ToLower(d)
		}
	}
	return ""
}

// assign places every group in a half; see the package comment.
func assign(files []file) map[string]string {
	type group struct {
		key               string
		charsets, folders map[string]int
		size              int
		hash              uint32
	}
	byKey := map[string]*group{}
	var groups []*group
	for _, f := range files {
		k := f.dataset + "|" + f.group
		g := byKey[k]
		if g == nil {
			h := fnv.New32a()
			h.Write([]byte(k))
			g = &group{key: k, charsets: map[string]int{}, folders: map[string]int{}, hash: h.Sum32()}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.charsets[f.charset()]++
		g.folders[f.folder]++
		g.size++
	}
	sort.Slice(groups, func(i, j int) bool {
		if groups[i].size != groups[j].size {
			return groups[i].size > groups[j].size
		}
		return groups[i].hash < groups[j].hash
	})
	names := [2]string{"tune", "check"}
	perCharset := [2]map[string]int{{}, {}}
	perFolder := [2]map[string]int{{}, {}}
	var total [2]int
	half := map[string]string{}
	for _, g := range groups {
		charsets := [2]int{count(perCharset[0], g.charsets), count(perCharset[1], g.charsets)}
		folders := [2]int{count(perFolder[0], g.folders), count(perFolder[1], g.folders)}
		h := int(g.hash & 1)
		switch {
		case charsets[0] != charsets[1]:
			h = b2i(charsets[1] < charsets[0])
		case folders[0] != folders[1]:
			h = b2i(folders[1] < folders[0])
		case total[0] != total[1]:
			h = b2i(total[1] < total[0])
		}
		add(perCharset[h], g.charsets)
		add(perFolder[h], g.folders)
		total[h] += g.size
		half[g.key] = names[h]
	}
	return half
}

// count is how many files of the keys of which the half holds so far.
func count(have, of map[string]int) int {
	n := 0
	for k := range of {
		n += have[k]
	}
	return n
}

func add(have, of map[string]int) {
	for k, n := range of {
		have[k] += n
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
