package contain

import (
	"runtime"
	"testing"
)

func TestCall(t *testing.T) {
	if p := Call(func() {}); p != nil {
		t.Errorf("a function that returned: Call = %v, want nil", p)
	}
	if p := Call(func() { panic("boom") }); p != "boom" {
		t.Errorf("Call = %v, want boom", p)
	}
	p := Call(func() {
		var cells []int
		_ = cells[len(cells)+3]
	})
	if _, ok := p.(runtime.Error); !ok {
		t.Errorf("an index out of range: Call = %#v, want a runtime.Error", p)
	}
	if p := Call(func() { panic(nil) }); p == nil {
		t.Error("panic(nil): Call = nil, want a value")
	}
}
