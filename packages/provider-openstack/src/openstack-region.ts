/** The region a spec asks for when it names none: the credentials' (`OS_REGION_NAME`). */
export const AUTO_REGION = 'auto';
