/**
 * The intake screening call and the eligibility decision: contraindications, proof of
 * treatment resistance, an explainable decision under versioned rules, and a physician's
 * signed approval or decline that expires without a course.
 */
package org.ketacare.screening;
