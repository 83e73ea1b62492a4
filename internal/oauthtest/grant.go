package oauthtest

import (
	"net/http"
	"time"
)

// token is the token endpoint (RFC 6749 section 3.2).
func (i *Issuer) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	i.mu.Lock()
	i.requests++
	delay, fail := i.delay, i.fail > 0
	if fail {
		i.fail--
	}
	i.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if fail {
		oauthError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "try again later")
		return
	}
	if r.PostFormValue("grant_type") == "urn:ietf:params:oauth:grant-type:jwt-bearer" {
		i.jwtBearer(w, r.PostFormValue("assertion")) // the signed assertion is the client's proof
		return
	}
	if !i.clientOK(r) {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret")
		return
	}
	switch r.PostFormValue("grant_type") {
	case "client_credentials":
		i.mu.Lock()
		resp := i.issue(i.opts.AppUser, i.appRevoked)
		i.mu.Unlock()
		writeJSON(w, http.StatusOK, resp)
	case "refresh_token":
		i.refresh(w, r.PostFormValue("refresh_token"))
	case "urn:ietf:params:oauth:grant-type:device_code":
		i.deviceToken(w, r.PostFormValue("device_code"))
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", r.PostFormValue("grant_type"))
	}
}

func (i *Issuer) refresh(w http.ResponseWriter, rt string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	g := i.grants[rt]
	switch {
	case g == nil:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "unknown refresh token")
		return
	case g.revoked || *g.family:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "the grant was revoked")
		return
	case g.dead:
		// A rotated refresh token used again: someone lost the new one, or
		// stole the old one. Revoke the whole grant, as real issuers do.
		*g.family = true
		oauthError(w, http.StatusBadRequest, "invalid_grant", "refresh token reused after rotation; grant revoked")
		return
	}
	resp := i.issue(g.user, g.family)
	if i.opts.Rotate {
		g.dead = true
		next := newToken("rt-")
		i.grants[next] = &grant{user: g.user, family: g.family}
		resp["refresh_token"] = next
	}
	i.refreshs++
	writeJSON(w, http.StatusOK, resp)
}

// deviceAuth is RFC 8628 section 3.1.
func (i *Issuer) deviceAuth(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("client_id") != i.opts.ClientID {
		if id, _, ok := r.BasicAuth(); !ok || id != i.opts.ClientID {
			oauthError(w, http.StatusUnauthorized, "invalid_client", "unknown client")
			return
		}
	}
	dc, uc := newToken("dc-"), newToken("")[:8]
	i.mu.Lock()
	i.devices[dc] = &device{userCode: uc}
	i.mu.Unlock()
	select {
	case i.codes <- uc:
	default:
	}
	writeJSON(w, http.StatusOK, map[string]any{"device_code": dc, "user_code": uc,
		"verification_uri": i.base() + "/verify", "expires_in": 600, "interval": 1})
}

// deviceToken is RFC 8628 section 3.4.
func (i *Issuer) deviceToken(w http.ResponseWriter, dc string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	d := i.devices[dc]
	switch {
	case d == nil:
		oauthError(w, http.StatusBadRequest, "expired_token", "unknown device code")
		return
	case d.user == "":
		oauthError(w, http.StatusBadRequest, "authorization_pending", "waiting for the user")
		return
	}
	delete(i.devices, dc)
	rt := newToken("rt-")
	g := &grant{user: d.user, family: new(bool)}
	i.grants[rt] = g
	resp := i.issue(d.user, g.family)
	resp["refresh_token"] = rt
	writeJSON(w, http.StatusOK, resp)
}
