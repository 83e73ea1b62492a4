package spelling

import "testing"

func TestNearest(t *testing.T) {
	known := []string{"RMAD_JOBS_DIGEST", "RMAD_SMTP_URL", "serial_number", "model"}
	for _, c := range []struct {
		name  string
		limit int
		want  string
	}{
		{"RMAD_JOBS_DIGST", 3, "RMAD_JOBS_DIGEST"},
		{"RMAD_SMPT_URL", 3, "RMAD_SMTP_URL"},
		{"serial_numbr", 3, "serial_number"},
		{"modle", 3, "model"},
		{"RMAD_NOTHING_LIKE_IT", 3, ""},
		{"model", 0, ""}, // a limit of 0 accepts nothing, not even the name itself
	} {
		if got := Nearest(c.name, known, c.limit); got != c.want {
			t.Errorf("Nearest(%q, %d) = %q, want %q", c.name, c.limit, got, c.want)
		}
	}
	if d := Distance("kitten", "sitting"); d != 3 {
		t.Errorf("distance(kitten, sitting) = %d, want 3", d)
	}
}
