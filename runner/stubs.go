package runner

import "context"

func menu(ctx context.Context, io *IO) error               { return nil }
func serve(ctx context.Context, a []string, io *IO) error  { return nil }
func client(ctx context.Context, a []string, io *IO) error { return nil }
func code(a []string, io *IO) error                        { return nil }
