variable "subscription_id" {
  description = "Azure subscription to create the resources in (null: the ARM_SUBSCRIPTION_ID environment variable)."
  type        = string
  default     = null
}

variable "app_name" {
  description = "Prefix of every resource name. The registry name is derived from it and must be globally unique."
  type        = string
  default     = "msbootstrap"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{2,20}$", var.app_name))
    error_message = "app_name: 3-21 lower-case letters and digits (ACR names allow no dashes)."
  }
}

variable "location" {
  description = "Azure region."
  type        = string
  default     = "westeurope"
}

variable "kubernetes_version" {
  description = "AKS Kubernetes version (null: the region's default). List: az aks get-versions -l <location>."
  type        = string
  default     = null
}

variable "node_count" {
  description = "Nodes in the default pool."
  type        = number
  default     = 2
}

variable "node_vm_size" {
  description = "VM size of the nodes."
  type        = string
  default     = "Standard_B2s"
}
