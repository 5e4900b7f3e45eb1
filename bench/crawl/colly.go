package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
)

// runColly is the baseline: a bare colly collector that fetches the site
// and follows its links, nothing else, at the given parallelism. It prints
// "pages N" (responses handled) and "errors N".
func runColly(addr string, parallel int) error {
	if addr == "" {
		return fmt.Errorf("-mode colly needs -addr")
	}
	c := colly.NewCollector(colly.Async(true), colly.MaxDepth(50), colly.AllowedDomains(benchHost))
	c.IgnoreRobotsTxt = false
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: parallel}); err != nil {
		return err
	}
	c.WithTransport(routedTransport(addr, parallel))
	var pages, errs atomic.Int64
	c.OnHTML("a[href]", func(e *colly.HTMLElement) { e.Request.Visit(e.Attr("href")) })
	c.OnResponse(func(*colly.Response) { pages.Add(1) })
	c.OnError(func(*colly.Response, error) { errs.Add(1) })
	if err := c.Visit("http://" + benchHost + "/"); err != nil {
		return err
	}
	c.Wait()
	fmt.Printf("pages %d\nerrors %d\n", pages.Load(), errs.Load())
	return nil
}

// routedTransport sends every connection for benchHost:80 to addr, as
// prov's --connect-to does.
func routedTransport(addr string, parallel int) *http.Transport {
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
			if a == benchHost+":80" {
				a = addr
			}
			return d.DialContext(ctx, network, a)
		},
		MaxIdleConnsPerHost: parallel,
		IdleConnTimeout:     90 * time.Second,
	}
}
