package cleanup

import (
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Run undoes what is tracked and not released, the latest first, once;
// after it nothing new is made.
func TestRunUndoesWhatIsTracked(t *testing.T) {
	t.Cleanup(reset)
	var order []string
	track := func(name string) func() {
		release, err := Track(func() (func(), error) {
			return func() { order = append(order, name) }, nil
		})
		require.NoError(t, err)
		return release
	}
	track("temporary file")
	track("converter folder")
	released := track("renamed into place")
	track("converter")
	released()
	_, err := Track(func() (func(), error) { return nil, errors.New("cannot make it") })
	assert.Error(t, err)
	assert.Equal(t, 3, Pending())
	Run()
	Run()
	assert.Equal(t, []string{"converter", "converter folder", "temporary file"}, order)
	made := false
	_, err = Track(func() (func(), error) { made = true; return func() {}, nil })
	assert.ErrorIs(t, err, ErrStopping)
	assert.False(t, made, "nothing is made once the run is stopped")
}

// A resource is either undone by Run or never made, however they meet.
func TestTrackAndRunMeet(t *testing.T) {
	t.Cleanup(reset)
	var mu sync.Mutex
	live := map[int]bool{}
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = Track(func() (func(), error) {
				mu.Lock()
				live[i] = true
				mu.Unlock()
				return func() {
					mu.Lock()
					delete(live, i)
					mu.Unlock()
				}, nil
			})
		}()
		if i == 100 {
			Run()
		}
	}
	wg.Wait()
	assert.Empty(t, live, "made and left behind")
}
