package table

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Texts met once (titles, names, notes) do not fill the memo: a label met
// after thousands of them is remembered from its second meeting on.
func TestMemoRemembersRecurringTexts(t *testing.T) {
	var m memo[string]
	calls := 0
	f := func(s string) string { calls++; return s + "!" }
	for i := range maxMemo * 4 {
		m.get(fmt.Sprintf("填表人：%d", i), f)
	}
	assert.Zero(t, m.n.Load(), "no text met once is remembered")
	for range 2 {
		assert.Equal(t, "收到申请数!", m.get("收到申请数", f))
	}
	calls = 0
	assert.Equal(t, "收到申请数!", m.get("收到申请数", f))
	assert.Zero(t, calls, "met twice, the label is remembered")
}
