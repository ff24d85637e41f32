/**
 * The controlled-substance ledger for ketamine (Schedule III): stock received, every
 * milligram drawn, given, wasted, moved, counted and reconciled, inventories and the
 * reports an inspector asks for. Nothing is ever dispensed.
 */
package org.ketacare.ledger;
