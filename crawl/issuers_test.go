package crawl

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prov-archive/prov/rules"
)

// testCert is a certificate and its key, signed by parent (self-signed
// when parent is nil).
type testCert struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func newTestCert(t *testing.T, name string, parent *testCert, ca bool, aia string) *testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		BasicConstraintsValid: true, IsCA: ca,
	}
	if ca {
		tmpl.KeyUsage = x509.KeyUsageCertSign
	} else {
		tmpl.KeyUsage, tmpl.ExtKeyUsage = x509.KeyUsageDigitalSignature, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		tmpl.DNSNames = []string{name}
	}
	if aia != "" {
		tmpl.IssuingCertificateURL = []string{aia}
	}
	signer, signerKey := tmpl, key
	if parent != nil {
		signer, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signerKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testCert{cert, key}
}

// TestIncompleteChainCompleted: a server that sends its certificate
// without the intermediate that signed it is fetched, the intermediate
// taken from the certificate's AIA URL (DER or PEM), as browsers do, and
// fetched once for the run; one whose AIA gives nothing, or gives a
// certificate that did not sign it, or that names another host, fails as
// a TLS failure.
func TestIncompleteChainCompleted(t *testing.T) {
	root := newTestCert(t, "Test Root", nil, true, "")
	inter := newTestCert(t, "Test Intermediate", root, true, "")
	stranger := newTestCert(t, "Other Intermediate", root, true, "")
	var aiaHits atomic.Int32
	aia := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		aiaHits.Add(1)
		switch r.URL.Path {
		case "/inter.der":
			w.Write(inter.cert.Raw)
		case "/inter.pem":
			pem.Encode(w, &pem.Block{Type: "CERTIFICATE", Bytes: inter.cert.Raw})
		case "/stranger.der":
			w.Write(stranger.cert.Raw)
		default:
			http.NotFound(w, r)
		}
	}))
	defer aia.Close()

	cases := []struct {
		name, aiaPath, host string
		ok                  bool
	}{
		{"AIA in DER", "/inter.der", "example.com", true},
		{"AIA in PEM", "/inter.pem", "example.com", true},
		{"AIA gone", "/missing", "example.com", false},
		{"AIA of another issuer", "/stranger.der", "example.com", false},
		{"no AIA", "", "example.com", false},
		{"another host's certificate", "/inter.der", "example.org", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			aiaURL := ""
			if c.aiaPath != "" {
				aiaURL = aia.URL + c.aiaPath
			}
			leaf := newTestCert(t, "example.com", inter, false, aiaURL)
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, "<p>Behind an incomplete chain.</p>")
			}))
			srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{leaf.cert.Raw}, PrivateKey: leaf.key}}}
			srv.StartTLS()
			defer srv.Close()
			host, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
			cfg := Config{ConnectTo: []ConnectTo{{Host: c.host, Port: "443", ToHost: host, ToPort: port}},
				AllowPrivate: true, Timeout: 10 * time.Second, Retries: -1}
			cfg.roots = x509.NewCertPool()
			cfg.roots.AddCert(root.cert)
			p, _ := Fetch(context.Background(), cfg, "https://"+c.host+"/")
			if c.ok && (p.Err != nil || p.Status != 200) {
				t.Fatalf("status %d, err %v", p.Status, p.Err)
			}
			if !c.ok && p.Failure() != FailTLS {
				t.Fatalf("failure %q, err %v; want %q", p.Failure(), p.Err, FailTLS)
			}
		})
	}
	t.Run("fetched once a run", func(t *testing.T) {
		aiaHits.Store(0)
		leaf := newTestCert(t, "example.com", inter, false, aia.URL+"/inter.der")
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<p>Page.</p><a href="/2">2</a><a href="/3">3</a>`)
		}))
		srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{leaf.cert.Raw}, PrivateKey: leaf.key}}}
		srv.EnableHTTP2 = false
		srv.StartTLS()
		defer srv.Close()
		host, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
		cfg := Config{ConnectTo: []ConnectTo{{Host: "example.com", Port: "443", ToHost: host, ToPort: port}},
			AllowPrivate: true, Timeout: 10 * time.Second, Retries: -1, Delay: time.Millisecond, MaxDepth: 1,
			Seeds: []string{"https://example.com/"}}
		cfg.roots = x509.NewCertPool()
		cfg.roots.AddCert(root.cert)
		got := crawlKeyed(t, cfg, func(u string) string { return u })
		if len(got) != 3 || aiaHits.Load() != 1 {
			t.Errorf("%d pages, AIA fetched %d times; want 3 pages and one fetch", len(got), aiaHits.Load())
		}
	})
}

// TestUnverifiedByRule: a site whose rule says tls: unverified has its
// pages fetched though its certificate does not verify (expired here), and
// each says why; the same server under a host without that rule fails as
// TLS, and a certificate that verifies leaves nothing said.
func TestUnverifiedByRule(t *testing.T) {
	root := newTestCert(t, "Test Root", nil, true, "")
	expired := newTestCert(t, "expired.test", root, false, "")
	expired.cert.NotAfter = time.Now().Add(-time.Hour) // re-signed below
	expired = resign(t, expired, root)
	good := newTestCert(t, "good.test", root, false, "")
	set, err := rules.Parse("t.yaml", []byte("sites:\n  - name: old\n    hosts: [expired.test, good.test]\n    tls: unverified\n"))
	if err != nil {
		t.Fatal(err)
	}
	serve := func(c *testCert) string {
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "<p>Behind a certificate.</p>")
		}))
		srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{c.cert.Raw}, PrivateKey: c.key}}}
		srv.StartTLS()
		t.Cleanup(srv.Close)
		return srv.Listener.Addr().String()
	}
	fetch := func(host, addr string, set *rules.Set) Page {
		to, port, _ := net.SplitHostPort(addr)
		cfg := Config{ConnectTo: []ConnectTo{{Host: host, Port: "443", ToHost: to, ToPort: port}},
			AllowPrivate: true, Timeout: 10 * time.Second, Retries: -1, Rules: set}
		cfg.roots = x509.NewCertPool()
		cfg.roots.AddCert(root.cert)
		p, _ := Fetch(context.Background(), cfg, "https://"+host+"/")
		return p
	}
	expiredAddr, goodAddr := serve(expired), serve(good)
	p := fetch("expired.test", expiredAddr, set)
	if p.Err != nil || p.Status != 200 || !strings.HasPrefix(p.TLSUnverified, "expired.test: ") ||
		!strings.Contains(p.TLSUnverified, "expired") {
		t.Errorf("expired, tls: unverified: status %d, err %v, unverified %q; want 200 and why", p.Status, p.Err, p.TLSUnverified)
	}
	if p := fetch("expired.test", expiredAddr, nil); p.Failure() != FailTLS || p.TLSUnverified != "" {
		t.Errorf("expired, no rule: failure %q, unverified %q; want %q", p.Failure(), p.TLSUnverified, FailTLS)
	}
	if p := fetch("good.test", goodAddr, set); p.Err != nil || p.TLSUnverified != "" {
		t.Errorf("a certificate that verifies: err %v, unverified %q; want none", p.Err, p.TLSUnverified)
	}
}

// resign signs c's certificate, as its fields now stand, with parent.
func resign(t *testing.T, c *testCert, parent *testCert) *testCert {
	t.Helper()
	der, err := x509.CreateCertificate(rand.Reader, c.cert, parent.cert, &c.key.PublicKey, parent.key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testCert{cert, c.key}
}
