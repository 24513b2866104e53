package command

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --jump is FACTOR,MIN,FROM_ZERO; 0 turns the check off; nonsense is refused.
func TestJumpFlag(t *testing.T) {
	j, err := parseJump("3")
	require.NoError(t, err)
	assert.Equal(t, "3 10 50", fmt.Sprint(j.Factor, " ", j.Min, " ", j.FromZero))
	j, err = parseJump("8, 20, 100")
	require.NoError(t, err)
	assert.Equal(t, "8 20 100", fmt.Sprint(j.Factor, " ", j.Min, " ", j.FromZero))
	j, err = parseJump("0")
	require.NoError(t, err)
	assert.True(t, j.Factor.IsZero())
	for _, bad := range []string{"x", "1", "0.5", "5,10,50,1", "-5"} {
		_, err := parseJump(bad)
		assert.Error(t, err, bad)
	}
	var stdout, stderr bytes.Buffer
	code := Main([]string{"tally", "validate", "--jump", "abc", "--previous", "../testdata/seed", "../testdata/seed"}, &stdout, &stderr)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr.String(), "--jump")
}
