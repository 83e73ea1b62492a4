package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Asset is one unit of the vendor's registry.
type Asset struct {
	SerialNumber  string
	Model         string
	PartNumber    string
	Customer      string
	CustomerEmail string
	InvoiceNumber string
	InvoiceDate   *time.Time
	DeliveryDate  *time.Time
	InvoicePrice  *string // numeric as text
	MSRP          *string
	Currency      string
	Plans         []string // e.g. "extended:2y", "advance"
	// CustomerDomains are domains the operator lists as the customer's own:
	// any address there speaks for the customer. Never a freemail domain.
	CustomerDomains []string
}

// UpsertAssets writes assets in batches; callers run it in one transaction.
func UpsertAssets(ctx context.Context, db DBTX, assets []Asset, now time.Time) error {
	const batch = 1000
	for start := 0; start < len(assets); start += batch {
		end := min(start+batch, len(assets))
		b := &pgx.Batch{}
		for _, a := range assets[start:end] {
			if a.Plans == nil {
				a.Plans = []string{}
			}
			if a.CustomerDomains == nil {
				a.CustomerDomains = []string{}
			}
			b.Queue(`INSERT INTO assets (serial_number, model, part_number, customer, customer_email, invoice_number,
				invoice_date, delivery_date, invoice_price, msrp, currency, plans, imported_at, customer_domains)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::numeric, $10::numeric, $11, $12, $13, $14)
				ON CONFLICT (serial_number) DO UPDATE SET model = excluded.model, part_number = excluded.part_number,
				customer = excluded.customer, customer_email = excluded.customer_email,
				invoice_number = excluded.invoice_number, invoice_date = excluded.invoice_date,
				delivery_date = excluded.delivery_date, invoice_price = excluded.invoice_price, msrp = excluded.msrp,
				currency = excluded.currency, plans = excluded.plans, imported_at = excluded.imported_at,
				customer_domains = excluded.customer_domains`,
				a.SerialNumber, a.Model, a.PartNumber, a.Customer, a.CustomerEmail, a.InvoiceNumber, a.InvoiceDate,
				a.DeliveryDate, a.InvoicePrice, a.MSRP, a.Currency, a.Plans, now, a.CustomerDomains)
		}
		if err := db.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("store: upsert assets: %w", err)
		}
	}
	return nil
}

// AssetBySerial returns the registry entry of a serial number.
func AssetBySerial(ctx context.Context, db DBTX, serial string) (Asset, error) {
	var a Asset
	err := db.QueryRow(ctx, `SELECT `+assetCols+` FROM assets WHERE serial_number = upper($1)`,
		serial).Scan(&a.SerialNumber, &a.Model, &a.PartNumber, &a.Customer, &a.CustomerEmail, &a.InvoiceNumber,
		&a.InvoiceDate, &a.DeliveryDate, &a.InvoicePrice, &a.MSRP, &a.Currency, &a.Plans, &a.CustomerDomains)
	if err != nil {
		return a, fmt.Errorf("store: asset %s: %w", serial, notFound(err))
	}
	return a, nil
}

// AssetOrOriginal returns the registry entry of a serial number or, for a
// replacement the desk sent out (a replacement_serial), the entry of the
// unit it replaced, in one round trip.
func AssetOrOriginal(ctx context.Context, db DBTX, serial string) (Asset, error) {
	var a Asset
	err := db.QueryRow(ctx, sqlAssetOrOriginal, serial).Scan(&a.SerialNumber, &a.Model, &a.PartNumber, &a.Customer, &a.CustomerEmail, &a.InvoiceNumber,
		&a.InvoiceDate, &a.DeliveryDate, &a.InvoicePrice, &a.MSRP, &a.Currency, &a.Plans, &a.CustomerDomains)
	if err != nil {
		return a, fmt.Errorf("store: asset %s: %w", serial, notFound(err))
	}
	return a, nil
}

const assetCols = `serial_number, model, part_number, customer, customer_email, invoice_number,
		invoice_date, delivery_date, invoice_price::text, msrp::text, currency, plans, customer_domains`

func assetColsOf(t string) string {
	cols := strings.Split(assetCols, ",")
	for i, c := range cols {
		cols[i] = t + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// sqlAssetOrOriginal follows a replacement back to the registered unit it
// stands for, through replacements of replacements: at most maxChain steps,
// so a loop (A replaced by B, B by A) ends.
var sqlAssetOrOriginal = `WITH RECURSIVE chain(serial, depth) AS (
		SELECT upper($1), 0
		UNION
		SELECT upper(r.serial_number), c.depth + 1 FROM chain c JOIN rmas r
			ON r.replacement_serial <> '' AND upper(r.replacement_serial) = c.serial
			AND (r.sent_back_at IS NOT NULL OR (r.type = '` + string(RMAAdvance) + `' AND r.shipped_at IS NOT NULL))
		WHERE c.depth < ` + maxChain + `
	)
	SELECT ` + assetColsOf("a") + ` FROM chain c JOIN assets a ON a.serial_number = c.serial ORDER BY c.depth LIMIT 1`

const maxChain = "5"

// SerialKnown says where a serial number is already in use: "registry",
// or the RMA whose unit or replacement it is; "" when nowhere.
func SerialKnown(ctx context.Context, db DBTX, serial string) (string, error) {
	var where string
	err := db.QueryRow(ctx, `SELECT 'registry' FROM assets WHERE serial_number = upper($1)
		UNION ALL (SELECT number FROM rmas WHERE upper(serial_number) = upper($1) LIMIT 1)
		UNION ALL (SELECT number FROM rmas WHERE replacement_serial <> '' AND upper(replacement_serial) = upper($1) LIMIT 1)
		LIMIT 1`, serial).Scan(&where)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: serial %s: %w", serial, err)
	}
	return where, nil
}
