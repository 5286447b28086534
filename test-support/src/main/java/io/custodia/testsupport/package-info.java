/** Helpers on every module's test class path; nothing here ships in a product artifact. */
package io.custodia.testsupport;
