package oauthtest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// serviceAccount is a Google-style service account: a key pair whose
// signed JWT (RFC 7523) buys a token acting as the JWT's subject.
type serviceAccount struct {
	email   string
	key     *rsa.PublicKey
	revoked bool
}

// ServiceAccountFile makes a service account with a new RSA key, writes its
// key file in Google's format into dir and returns the file's path.
func (i *Issuer) ServiceAccountFile(dir string) (string, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", fmt.Errorf("oauthtest: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", fmt.Errorf("oauthtest: %w", err)
	}
	email := "rmad@test-project.iam.gserviceaccount.com"
	b, err := json.MarshalIndent(map[string]string{"type": "service_account", "client_email": email,
		"private_key":    string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		"private_key_id": "k1", "token_uri": i.TokenURL()}, "", "  ")
	if err != nil {
		return "", fmt.Errorf("oauthtest: %w", err)
	}
	path := filepath.Join(dir, "service-account.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return "", fmt.Errorf("oauthtest: %w", err)
	}
	i.mu.Lock()
	i.sa = &serviceAccount{email: email, key: &key.PublicKey}
	i.mu.Unlock()
	return path, nil
}

// RevokeServiceAccount disables the service account's key: its JWTs answer
// invalid_grant.
func (i *Issuer) RevokeServiceAccount() {
	i.mu.Lock()
	if i.sa != nil {
		i.sa.revoked = true
	}
	i.mu.Unlock()
}

// jwtBearer is RFC 7523 section 2.1: the assertion is checked (signature,
// issuer, audience, expiry) and the token acts as its subject.
func (i *Issuer) jwtBearer(w http.ResponseWriter, assertion string) {
	i.mu.Lock()
	sa := i.sa
	i.mu.Unlock()
	if sa == nil || sa.revoked {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "unknown or disabled service account key")
		return
	}
	sub, err := i.verifyJWT(sa, assertion)
	if err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_grant", err.Error())
		return
	}
	i.mu.Lock()
	resp := i.issue(sub, nil)
	i.mu.Unlock()
	writeJSON(w, http.StatusOK, resp)
}

func (i *Issuer) verifyJWT(sa *serviceAccount, assertion string) (string, error) {
	parts := strings.Split(assertion, ".")
	if len(parts) != 3 {
		return "", errors.New("not a JWT")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return "", errors.New("bad signature encoding")
	}
	h := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(sa.key, crypto.SHA256, h[:], sig); err != nil {
		return "", errors.New("bad signature")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", errors.New("bad claims encoding")
	}
	var c struct {
		Iss, Sub, Aud, Scope string
		Exp                  int64
	}
	if err := json.Unmarshal(payload, &c); err != nil {
		return "", errors.New("bad claims")
	}
	switch {
	case c.Iss != sa.email:
		return "", fmt.Errorf("iss %q is not the service account", c.Iss)
	case c.Aud != i.TokenURL():
		return "", fmt.Errorf("aud %q is not the token endpoint", c.Aud)
	case time.Unix(c.Exp, 0).Before(time.Now()):
		return "", errors.New("assertion expired")
	case c.Sub == "":
		return "", errors.New("no sub: domain-wide delegation needs the user to act as")
	}
	return c.Sub, nil
}
