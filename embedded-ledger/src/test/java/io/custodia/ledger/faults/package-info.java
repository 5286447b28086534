/** Fault-injecting stand-ins for files and disks. */
package io.custodia.ledger.faults;
