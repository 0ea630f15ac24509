package lessons

import (
	"context"

	"github.com/socktour/socktour/runner/trace"
)

// chinese is lesson 3's second message: five characters, three bytes each.
const chinese = "套接字编程"

// truncation is lesson 3: a 7-byte buffer, read once.
var truncation = &Lesson{
	Number:  3,
	Network: "tcp",
	Handle:  tellAndWait(message),
	Client:  readOnce(7),
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		// The 28-byte message read once, 7 bytes at most.
		if err := runPair(ctx, rec, tellAndWait(message), readOnce(7)); err != nil {
			return err
		}
		// Again with Chinese text: 7 bytes end inside a character.
		rec.Side("tutor").Note("part-chinese")
		return runPair(ctx, rec, tellAndWait(chinese), readOnce(7))
	},
	Code: []string{"tellAndWait", "waitForHangUp", "readOnce"},
}
