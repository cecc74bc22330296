#pragma once

// The parts of tst_hostile, each a test class in a file of its own, run from its main().
int runHostileBudgetTests(int argc, char **argv);
int runHostileAddressTests(int argc, char **argv);
int runHostileContentTests(int argc, char **argv);
int runHostileHttpTests(int argc, char **argv);
