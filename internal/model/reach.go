package model

// Reach says how a crosswalk's records reach an element. One rule, used
// by the crosswalk page's coverage and gaps and by the OSCAL gap
// summaries alike, so that they never give two answers.
type Reach int

// How an element is reached, weakest first. An element reached in
// several ways is reached in the strongest.
const (
	NotReached Reach = iota
	Contains         // not named, but an element inside it is
	Inherited        // not named, but an element it lies within is: a record made at a parent reaches its descendants
	Direct           // a record names it
)

// String names the reach as the pages and docs do.
func (r Reach) String() string {
	switch r {
	case Direct:
		return "named directly"
	case Inherited:
		return "through a parent"
	case Contains:
		return "through what it contains"
	}
	return "not reached"
}

// Reach returns how the crosswalk's linked mapping records reach each
// element of its two frameworks; elements not reached are absent.
// No-counterpart records reach nothing.
func (cw *Crosswalk) Reach() map[*Element]Reach {
	reach := map[*Element]Reach{}
	raise := func(e *Element, r Reach) {
		if reach[e] < r {
			reach[e] = r
		}
	}
	var inherit func(e *Element)
	inherit = func(e *Element) {
		for _, c := range e.Children {
			if reach[c] >= Inherited {
				continue // reached already, and so is everything below it
			}
			raise(c, Inherited)
			inherit(c)
		}
	}
	for _, m := range cw.Mappings {
		if m.Source == nil || m.Target == nil {
			continue
		}
		for _, e := range []*Element{m.Source, m.Target} {
			raise(e, Direct)
			for p := e.Parent; p != nil; p = p.Parent {
				raise(p, Contains)
			}
		}
	}
	for _, m := range cw.Mappings {
		if m.Source == nil || m.Target == nil {
			continue
		}
		inherit(m.Source)
		inherit(m.Target)
	}
	return reach
}
