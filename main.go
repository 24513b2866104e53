// Command tally checks and consolidates the statistics tables that townships submit.
package main

func main() {}
