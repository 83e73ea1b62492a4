package workflow

import (
	"reflect"
	"strings"
	"testing"

	"rmad/parser"
	"rmad/store"
)

// An op written out as the history records it reads back as the same op:
// what the CLI did and what the same #command in mail does are one thing.
func TestOpsReadBackFromTheirText(t *testing.T) {
	ops := []Op{
		Help{}, Note{Text: "called the customer"}, Close{}, Reopen{}, Workaround{}, MakeRMA{},
		Set{Pairs: [][2]string{{"ship_to", "1 Main St, Springfield"}, {"unit2.serial_number", "QX123"}}},
		Confirm{Field: "ship_to"},
		Approve{}, Approve{Type: store.RMAAdvance, RMA: "RMA-7-2"},
		Shipped{Carrier: "UPS", Tracking: "1Z 999"}, Shipped{Tracking: "1Z999"}, Shipped{RMA: "RMA-7-1"},
		Shipped{Carrier: "UPS", Tracking: "1Z9", Part: "PSU-800W", Price: "180.00"}, Shipped{Part: "unit"},
		Shipped{Serial: "Q21BI09999", Carrier: "UPS", Tracking: "1Z1"},
		Repaired{}, Repaired{RMA: "RMA-7-1", Carrier: "DHL", Tracking: "12345", Serial: "A8N000999"},
		Approve{Type: store.RMAAdvance, Override: "strategic account"}, Approve{RMA: "RMA-7-2", Type: store.RMADOA, Override: "VP said so"},
		Returned{}, Returned{Carrier: "UPS", Tracking: "1ZBACK", PickedUp: "2026-12-08", RMA: "RMA-7-1"}, Returned{PickedUp: "2026-12-08"},
		Delivered{RMA: "RMA-7-1"},
		Received{}, Received{RMA: "RMA-7-1", Damaged: true, Missing: "PSU, tray", Note: "box dented"},
		Received{Components: true},
		Void{Reason: "customer withdrew"}, Reject{RMA: "RMA-7-1", Reason: "water damage"},
		Quote{Amount: "250.00", Currency: "USD", RMA: "RMA-7-1"}, Paid{}, Paid{RMA: "RMA-7-2"},
		Cc{Addrs: []string{"kim@customer.example"}}, Cc{Remove: true, Addrs: []string{"kim@customer.example", "lee@customer.example"}},
		Take{}, Assign{Agent: "dana@desk.example"},
	}
	for _, op := range ops {
		text := op.String()
		name, args, _ := strings.Cut(strings.TrimPrefix(text, "#"), " ")
		got, err := ParseOp(parser.Command{Name: name, Args: args})
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		if !reflect.DeepEqual(got, op) {
			t.Errorf("%s reads back as %#v, want %#v", text, got, op)
		}
	}
}

func TestUnknownCommandIsRefused(t *testing.T) {
	_, err := ParseOp(parser.Command{Name: "delete", Args: "everything"})
	if !IsRefusal(err) || !strings.Contains(err.Error(), "#help") {
		t.Fatalf("err = %v, want a refusal pointing at #help", err)
	}
}
