package testenv

import "testing"

func TestSlowEnabled(t *testing.T) {
	for _, tt := range []struct {
		slow, ci string
		want     bool
	}{
		{"", "", false},
		{"1", "", true},
		{"0", "", false},
		{"yes", "", false}, // only 1 turns them on
		{"", "true", true}, // CI runs everything
		{"0", "1", true},
	} {
		t.Setenv(SlowVar, tt.slow)
		t.Setenv("CI", tt.ci)
		if got := SlowEnabled(); got != tt.want && !testing.Short() {
			t.Errorf("%s=%q CI=%q: SlowEnabled() = %v, want %v", SlowVar, tt.slow, tt.ci, got, tt.want)
		}
		if got := CI(); got != (tt.ci != "") {
			t.Errorf("CI=%q: CI() = %v", tt.ci, got)
		}
	}
}

func TestSlowSkips(t *testing.T) {
	t.Setenv(SlowVar, "")
	t.Setenv("CI", "")
	ran := false
	t.Run("slow", func(t *testing.T) {
		Slow(t)
		ran = true
	})
	if ran {
		t.Error("Slow did not skip the test without CROSSWALK_SLOW_TESTS=1 or CI")
	}
}
