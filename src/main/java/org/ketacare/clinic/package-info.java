/**
 * Clinics of the network (the tenants), their staff, roles, sign-in and signatures, and
 * the clinic settings that hold every clinical number the other modules use. Other
 * modules show staff names through the {@code staff_names} view, never the staff tables.
 */
package org.ketacare.clinic;
