package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// addExitCodesToUsage appends the exit codes to cobra's usage (and so to --help).
// It wraps cobra's default usage function rather than setting a usage template:
// a template pulls in text/template, whose reflective method calls stop the
// linker from dropping unused methods, which made the binary about 4 MB bigger.
func addExitCodesToUsage(cmd *cobra.Command) {
	usage := cmd.UsageFunc()
	cmd.SetUsageFunc(func(c *cobra.Command) error {
		if err := usage(c); err != nil {
			return err
		}
		_, err := fmt.Fprintf(c.OutOrStderr(), "\n%s\n\n%s\n", exitCodeHelp, jsonErrorCodes)
		return err
	})
}
