package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/idna"

	"rmad/registry"
	"rmad/store"
)

func (w *work) assetHasPlan(m store.RMA, plan string) bool {
	a, err := w.asset(context.Background(), m.SerialNumber)
	if err != nil || a == nil {
		return false
	}
	for _, p := range a.Plans {
		if strings.EqualFold(strings.SplitN(p, ":", 2)[0], plan) {
			return true
		}
	}
	return false
}

// ownership is what the registry says of the sender and the units.
type ownership int

// From the strongest to the weakest: the weakest over the units counts.
const (
	ownerExact   ownership = iota // the sender is the registered owner's address
	ownerUnknown                  // the registry names no owner for a unit
	ownerDomain                   // the sender is at a domain the operator listed for the owner
	ownerOther                    // a unit is registered to someone else
)

// owner matches the sender against the registry's owner of each unit: the
// exact address, or a domain the operator listed for that customer (never
// a freemail domain, whose users are unrelated people). The weakest match
// over the units counts.
func (w *work) owner(ctx context.Context, t *store.Ticket, rmas []store.RMA) (ownership, error) {
	if len(rmas) == 0 {
		return ownerUnknown, nil
	}
	worst := ownerExact
	sender := strings.ToLower(t.CustomerAddress)
	dom := domainOf(sender)
	if a, err := idna.Lookup.ToASCII(dom); err == nil {
		dom = a // the registry stores internationalised domains as xn--
	}
	for _, m := range rmas {
		if m.SerialNumber == "" {
			worst = max(worst, ownerUnknown)
			continue
		}
		a, err := w.asset(ctx, m.SerialNumber)
		if err != nil {
			return ownerOther, err
		}
		if a == nil || (a.CustomerEmail == "" && len(a.CustomerDomains) == 0) {
			worst = max(worst, ownerUnknown)
			continue
		}
		o := ownerOther
		switch {
		case strings.EqualFold(a.CustomerEmail, sender):
			o = ownerExact
		case slices.Contains(a.CustomerDomains, dom) && !registry.IsFreemail(dom):
			o = ownerDomain
		}
		if o == ownerOther {
			if err := w.event(ctx, t.ID, "owner_mismatch", m.SerialNumber+" is registered to "+ownerWords(a)+", not "+sender+"; left for an agent to approve"); err != nil {
				return ownerOther, err
			}
			return ownerOther, nil
		}
		worst = max(worst, o)
	}
	return worst, nil
}

func ownerWords(a *store.Asset) string {
	w := a.CustomerEmail
	if len(a.CustomerDomains) > 0 {
		w = strings.TrimSpace(w + " (domains " + strings.Join(a.CustomerDomains, ", ") + ")")
	}
	return w
}

// asset looks a serial up in the registry once per run; nil when unknown.
func (w *work) asset(ctx context.Context, serial string) (*store.Asset, error) {
	key := strings.ToUpper(strings.TrimSpace(serial))
	if a, ok := w.assets[key]; ok {
		return a, nil
	}
	// A replacement the desk sent stands for the unit it replaced: its
	// owner, its dates and its plans (QNAP: "covered ... until the original
	// unit coverage period expires").
	var found *store.Asset
	a, err := store.AssetOrOriginal(ctx, w.tx, key)
	switch {
	case err == nil:
		found = &a
	case !errors.Is(err, store.ErrNotFound):
		return nil, fmt.Errorf("workflow: %w", err)
	}
	if w.assets == nil {
		w.assets = map[string]*store.Asset{}
	}
	w.assets[key] = found
	return found, nil
}
