package crawl

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// Many servers send their certificate without the intermediate that
// signed it. Browsers complete such a chain themselves, from the
// certificate's Authority Information Access (AIA) URL, so the sites'
// owners never notice; a Go client fails them with "certificate signed
// by unknown authority". The dialer verifies a server's chain as
// net/http would, and when it fails for want of an issuer, fetches the
// missing intermediates from their AIA URLs and verifies again: the
// chain must still lead to a trusted root, for the server's name, now.

// maxIssuerFetches bounds the intermediates fetched for one chain.
const maxIssuerFetches = 3

// issuerLimit bounds an AIA response: a certificate is a few KB.
const issuerLimit = 64 << 10

// issuerTimeout bounds an AIA fetch.
const issuerTimeout = 10 * time.Second

// issuers fetches certificates from AIA URLs, each URL once a run
// however many handshakes ask for it at once.
type issuers struct {
	client *http.Client
	mu     sync.Mutex
	byURL  map[string]*issuerFetch
}

// issuerFetch is one AIA URL's fetch: cert is nil when it gave none.
type issuerFetch struct {
	once sync.Once
	cert *x509.Certificate
}

func newIssuers(d *dialer) *issuers {
	return &issuers{
		client: &http.Client{Transport: &http.Transport{DialContext: d.DialContext}, Timeout: issuerTimeout},
		byURL:  map[string]*issuerFetch{},
	}
}

// verify checks the chain a server sent for host as crypto/tls does for
// a client, with roots (nil: the system's), completing it from AIA URLs
// when it lacks an intermediate. host is the name dialled, not the SNI
// sent, which is empty for an IP address.
func (d *dialer) verify(host string, cs tls.ConnectionState) error {
	certs := cs.PeerCertificates
	if len(certs) == 0 {
		return errors.New("crawl: tls: the server sent no certificate")
	}
	opts := x509.VerifyOptions{DNSName: host, Roots: d.roots, Intermediates: x509.NewCertPool()}
	for _, c := range certs[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, err := certs[0].Verify(opts)
	top := certs[len(certs)-1]
	for i := 0; i < maxIssuerFetches && unknownAuthority(err); i++ {
		issuer := d.issuers.of(top)
		if issuer == nil {
			break
		}
		opts.Intermediates.AddCert(issuer)
		_, err = certs[0].Verify(opts)
		top = issuer
	}
	if err != nil {
		return &tls.CertificateVerificationError{UnverifiedCertificates: certs, Err: err}
	}
	return nil
}

func unknownAuthority(err error) bool {
	var ua x509.UnknownAuthorityError
	return errors.As(err, &ua)
}

// of returns the certificate that c's AIA URLs name as its issuer, nil
// when none of them gives one.
func (s *issuers) of(c *x509.Certificate) *x509.Certificate {
	for _, u := range c.IssuingCertificateURL {
		if issuer := s.fetch(u); issuer != nil {
			return issuer
		}
	}
	return nil
}

func (s *issuers) fetch(u string) *x509.Certificate {
	s.mu.Lock()
	f := s.byURL[u]
	if f == nil {
		f = new(issuerFetch)
		s.byURL[u] = f
	}
	s.mu.Unlock()
	f.once.Do(func() {
		f.cert, _ = s.get(u) // a URL that fails gives no issuer; the chain's error says the rest
	})
	return f.cert
}

// get fetches one certificate, DER or PEM.
func (s *issuers) get(u string) (*x509.Certificate, error) {
	resp, err := s.client.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, issuerLimit))
	if err != nil {
		return nil, err
	}
	if block, _ := pem.Decode(b); block != nil && block.Type == "CERTIFICATE" {
		b = block.Bytes
	}
	return x509.ParseCertificate(b)
}
