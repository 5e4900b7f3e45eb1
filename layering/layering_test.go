package layering

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/prov-archive/prov"

// siblings are the layers that never import one another: a package belongs
// to one when its path is the layer's or lies under it (clean/charset is
// clean's, archive/export is archive's).
var siblings = []string{"crawl", "clean", "archive"}

// shared are the packages every layer may use; they, like the siblings,
// must stay below the pipeline and the commands.
var shared = []string{"rules", "textdiff", "evalscore", "memory", "urlpath", "bloom", "boltfile"}

// above are what no sibling or shared package may import: the pipeline,
// the packages built on it (refetch verdicts, trace and diff, inspect, text
// reports, the search index, the web view) and the commands.
var above = []string{"ingest", "watch", "trace", "report", "inspect", "search", "serve", "cmd"}

// layerOf returns the first of layers that path (relative to the module)
// is or lies under, or "".
func layerOf(path string, layers []string) string {
	for _, l := range layers {
		if path == l || strings.HasPrefix(path, l+"/") {
			return l
		}
	}
	return ""
}

// forbidden says why importer (a full import path) may not import dep, or
// "" when it may.
func forbidden(importer, dep string) string {
	from, ok := strings.CutPrefix(importer, module+"/")
	if !ok {
		return ""
	}
	to, ok := strings.CutPrefix(dep, module+"/")
	if !ok {
		return ""
	}
	own := layerOf(from, siblings)
	if own == "" && layerOf(from, shared) == "" {
		return ""
	}
	if l := layerOf(to, above); l != "" {
		return fmt.Sprintf("%s sits below %s", from, l)
	}
	if l := layerOf(to, siblings); own != "" && l != "" && l != own {
		return fmt.Sprintf("%s and %s are sibling layers", own, l)
	}
	return ""
}

func TestForbidden(t *testing.T) {
	cases := []struct {
		importer, dep string
		want          bool
	}{
		{"archive", "clean", true},
		{"archive", "clean/charset", true},
		{"archive/export", "crawl", true},
		{"clean/charset", "archive/export", true},
		{"crawl", "archive", true},
		{"crawl", "ingest", true},
		{"clean", "ingest/queue", true},
		{"archive", "cmd/prov", true},
		{"rules", "ingest", true},
		{"textdiff", "cmd/prov", true},
		{"evalscore", "ingest", true},
		{"archive", "watch", true},
		{"crawl", "trace", true},
		{"clean", "report", true},
		{"archive/export", "archive", false},
		{"clean", "clean/charset", false},
		{"clean", "rules", false},
		{"crawl", "textdiff", false},
		{"rules", "crawl", false}, // another rule's business, not layering's
		{"ingest", "crawl", false},
		{"cmd/prov", "ingest", false},
		{"testweb", "rules", false},
		{"crawler", "archive", false}, // a prefix of a name is not the layer
		{"archive", "ingestion", false},
	}
	for _, c := range cases {
		why := forbidden(module+"/"+c.importer, module+"/"+c.dep)
		if (why != "") != c.want {
			t.Errorf("forbidden(%s, %s) = %q, want forbidden %v", c.importer, c.dep, why, c.want)
		}
	}
	if why := forbidden(module+"/crawl", "golang.org/x/net/html"); why != "" {
		t.Errorf("an import from outside the module is forbidden: %q", why)
	}
}

// pkg is what go list says of one of the module's packages (tests aside:
// layering is about the code that is built).
type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// listModule runs go list over every package of the module.
func listModule(t *testing.T) map[string]pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,Deps", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs[p.ImportPath] = p
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages in " + module)
	}
	return pkgs
}

// route returns the chain of direct imports by which from reaches to,
// through the module's own packages (nothing outside the module imports
// it), or nil.
func route(pkgs map[string]pkg, from, to string) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == to {
			var chain []string
			for ; p != ""; p = prev[p] {
				chain = append([]string{p}, chain...)
			}
			return chain
		}
		for _, next := range pkgs[p].Imports {
			if _, seen := prev[next]; !seen {
				prev[next] = p
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// TestLayering fails for every package of the module that imports,
// directly or through others, a package its layer may not: see doc.go.
func TestLayering(t *testing.T) {
	pkgs := listModule(t)
	names := make([]string, 0, len(pkgs))
	for name := range pkgs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, dep := range pkgs[name].Deps {
			why := forbidden(name, dep)
			if why == "" {
				continue
			}
			how := "imports"
			if chain := route(pkgs, name, dep); len(chain) > 2 {
				how = "imports (via " + strings.Join(chain[1:len(chain)-1], " → ") + ")"
			}
			t.Errorf("%s %s %s: forbidden, %s", name, how, dep, why)
		}
	}
}
