package imaptest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"rmad/internal/oauthtest"
)

// issuerToken asks iss for an access token with form's grant.
func issuerToken(t *testing.T, iss *oauthtest.Issuer, form url.Values) string {
	t.Helper()
	form.Set("client_id", iss.ClientID())
	form.Set("client_secret", iss.ClientSecret())
	resp, err := http.Post(iss.TokenURL(), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || v.AccessToken == "" {
		t.Fatalf("token: %v %+v", err, v)
	}
	return v.AccessToken
}
