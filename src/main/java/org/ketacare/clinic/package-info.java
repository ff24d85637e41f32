/**
 * Clinics of the network (the tenants), their staff, roles, sign-in and signatures, and
 * the clinic settings that hold every clinical number the other modules use.
 */
package org.ketacare.clinic;
