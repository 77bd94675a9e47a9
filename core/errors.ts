// A problem with one input document. Its message is shown to the user as it is (Vietnamese),
// without a stack trace; other documents go on.
export type InputErrorCode =
  | 'empty_file'
  | 'unsupported_type'
  | 'file_too_large'
  | 'truncated_pdf'
  | 'encrypted_pdf'
  | 'damaged_pdf'
  | 'damaged_image'
  | 'unreadable_file'
  | 'not_a_pdf'
  | 'too_many_pages'
  | 'page_too_large'
  | 'image_too_small'
  | 'time_limit'
  | 'memory_limit'
  | 'no_space'
  | 'invalid_account';

export class InputError extends Error {
  constructor(
    readonly code: InputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
