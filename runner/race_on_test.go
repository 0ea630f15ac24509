//go:build race

package runner

// raceDetector tells a test that the race detector slows every step
// down: TestEveryScreenFitsInEveryLanguage, which draws thousands of
// screens, runs without it (.ci/run runs it on its own).
const raceDetector = true
